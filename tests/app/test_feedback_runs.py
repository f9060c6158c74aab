"""Real grading runs of wrong answers attach the pictures their checks promise.

The snapshots replay recorded results (tests/app/ui/data/feedback/checks.json);
this test makes sure the real grader still produces that kind of data, for every
kind of picture and on a second exercise of each.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

WRONG = Path(__file__).parent / "wrong_answers"
CASES = [
    # exercise, wrong answer, field, what the data says
    ("lesson04/normalize_channels", "lesson04_broadcasting/normalize_channels/"
     "lines_up_with_height.py", "trace", lambda d: d["diverged"] == 8 and
     (d["yours"]["raised_at"] or {}).get("line") == 8),
    ("lesson05/sort_along", "lesson05_gather/sort_along/gather_does_not_broadcast.py", "trace",
     lambda d: d["diverged"] is not None and d["kind"] == "lines"),
    ("lesson10/lenet", "lesson10_cnn_shapes/lenet/linear_400_without_padding.py", "trace",
     lambda d: d["kind"] == "layers" and d["first_bad"] == 7),
    ("lesson11/vgg_block", "lesson11_modern_cnns/vgg_block/every_conv_takes_in_channels.py",
     "trace", lambda d: d["kind"] == "layers" and d["first_bad"] is not None),
    ("lesson08/fit_linear_regression", "lesson08_training/fit_linear_regression/sum_loss.py",
     "curves", lambda d: None in d["yours"] and None not in d["reference"]),
    ("lesson07/train_toy_fd", "lesson07_backprop/train_toy_fd/sequential_update.py", "curves",
     lambda d: len(d["yours"]) == len(d["reference"]) and d["yours"] != d["reference"]),
]


@pytest.mark.slow
@pytest.mark.parametrize("exercise, wrong, field, says", CASES,
                         ids=[c[1].rsplit("/", 1)[-1][:-3] for c in CASES])
def test_a_wrong_answer_gets_its_picture(exercise, wrong, field, says, shared_grader,
                                         builtin_pack):
    from tutor.grading.request import GradeOptions, build_request

    result = shared_grader.grade(build_request(builtin_pack.exercise(exercise), WRONG / wrong,
                                               GradeOptions(device="cpu")))
    carrying = [c for c in result.checks if getattr(c, field) is not None]
    assert carrying, f"no check of {exercise} carried a {field}"
    pictures = [getattr(c, field) for c in carrying]
    assert all(json.loads(json.dumps(data)) == data for data in pictures)
    assert any(says(data) for data in pictures), pictures
    assert all(not c.ok for c in carrying)  # only failures carry pictures


@pytest.mark.slow
@pytest.mark.parametrize("exercise, wrong", [
    ("lesson04/normalize_channels", "lesson04_broadcasting/normalize_channels/"
     "lines_up_with_height.py"),
    ("lesson05/sort_along", "lesson05_gather/sort_along/gather_does_not_broadcast.py"),
], ids=["normalize_channels", "sort_along"])
def test_strict_isolation_attaches_the_same_shape_traces(exercise, wrong, shared_grader,
                                                         builtin_pack):
    """The learner's function runs in another process: its trace is taken there."""
    from tutor.grading.request import GradeOptions, build_request

    def traces(isolation: str) -> list[tuple[str, str, dict]]:
        result = shared_grader.grade(build_request(
            builtin_pack.exercise(exercise), WRONG / wrong,
            GradeOptions(device="cpu", isolation=isolation)))
        return [(c.name, c.message, c.trace) for c in result.checks if c.trace is not None]

    strict = traces("strict")
    # each saw the learner's lines (a line-by-line trace) or its layers (a layer table)
    assert strict and all(t.get("rows") or t["yours"]["steps"] or t["yours"]["raised_at"]
                          for _, _, t in strict)
    assert strict == traces("fast")  # same traces, same messages ("Shape trace: line 8 ...")
