"""The mismatch data assert_close attaches, and its text drawing (80 columns, no colour)."""

from __future__ import annotations

import json

import pytest
import torch

from tutor.grading.diffview import describe_diff
from tutor.grading.drawing import plain
from tutor.testing import assert_close


def failure_of(got: torch.Tensor, expected: torch.Tensor) -> dict:
    with pytest.raises(AssertionError) as failure:
        assert_close(got, expected)
    diff = failure.value.tensor_diff
    json.dumps(diff)  # plain data only: it crosses the result pipe as JSON
    return diff


def test_the_worst_element_and_a_window_around_it():
    expected = torch.arange(100.0).reshape(10, 10)
    got = expected.clone()
    got[7, 8] += 5
    got[7, 9] += 1
    diff = failure_of(got, expected)
    assert diff["mismatches"] == 2 and diff["elements"] == 100
    assert diff["worst_index"] == [7, 8] and diff["worst_got"] == 83.0
    window = diff["window"]
    assert (window["top"], window["left"]) == (4, 4)
    assert window["wrong"][3][4] is True and window["got"][3][4] == 83.0


def test_named_mistake_travels_with_the_data():
    x = torch.randn(5, 4, generator=torch.Generator().manual_seed(0))
    assert "exactly 4×" in failure_of(x.sum(1), x.mean(1))["named_mistake"]


def test_four_d_tensors_get_a_heat_map_per_slice():
    expected = torch.zeros(2, 3, 16, 40)
    got = expected.clone()
    got[1, 2, 3, 30] = 1.0
    diff = failure_of(got, expected)
    assert diff["window"]["slice"] == [1, 2]
    assert len(diff["heat"]) == 4  # the first MAX_SLICES slices
    assert all(len(h["values"]) == 8 and len(h["values"][0]) == 24 for h in diff["heat"])


def test_drawing_marks_wrong_cells_without_colour_and_fits_80_columns():
    expected = torch.arange(64.0).reshape(8, 8) / 7
    got = expected.clone()
    got[2, 3] = -1.0
    got[2, 4] += 0.5
    lines = describe_diff(failure_of(got, expected))
    assert lines[0] == ("2 of 64 values differ; the worst at (2, 3): yours -1, "
                        "expected 2.71429.")
    row = next(line for line in lines if "-1!" in line)  # the worst: ! (no colour needed)
    assert row.index("-1!") < row.index("2.714!")  # yours beside expected, one row
    assert row.count("3.357*") == 1 and row.count("2.857*") == 1  # the other wrong cell
    assert max(len(line) for line in lines) <= 74
    assert any(set("░▒▓█") & set(line) for line in lines)


def test_narrow_drawings_keep_the_worst_column_then_stack():
    from tutor.grading.diffview import windows

    expected = torch.arange(64.0).reshape(8, 8) / 7
    got = expected.clone()
    got[5, 7] = 100.0
    diff = failure_of(got, expected)
    for width in (74, 50, 30, 20):
        text = [plain(line) for line in windows(diff, width)]
        assert max(len(line) for line in text) <= width, width
        assert any("100!" in line for line in text), width
    assert len(windows(diff, 20)) > len(windows(diff, 74))  # stacked, not side by side


def test_the_heat_map_shows_the_worst_slices_side_by_side():
    from tutor.grading.diffview import heat_lines

    expected = torch.zeros(3, 4, 10, 10)
    got = expected.clone()
    got[2, 3, 0, 0] = 5.0  # the last slice: still shown
    got[0, 0, 9, 9] = 1.0
    diff = failure_of(got, expected)
    assert [h["slice"] for h in diff["heat"]][-1] == [2, 3]
    text = "\n".join(plain(line) for line in heat_lines(diff, width=74))
    assert "slice (0, 0)" in text and "slice (2, 3)" in text
    assert text.splitlines()[1].index("slice (2, 3)") > 0  # beside, not under


@pytest.mark.slow
def test_a_real_failing_run_carries_the_diff_to_json_and_text(shared_grader, builtin_pack):
    """A wrong answer graded for real: the data reaches the result, JSON and the CLI text."""
    from pathlib import Path

    from tutor.grading.formats import render
    from tutor.grading.request import GradeOptions, build_request
    from tutor.grading.results import RunResult

    exercise = builtin_pack.exercise("lesson01/make_grid")
    wrong = Path(__file__).parent / "wrong_answers" / "lesson01_tensors" / "make_grid" / \
        "starts_at_one.py"
    result = shared_grader.grade(build_request(exercise, wrong, GradeOptions(device="cpu")))
    failing = next(c for c in result.checks if c.diff is not None)
    assert failing.diff["named_mistake"].startswith("every value is off by the same amount")
    run = RunResult(exercises=[result], pack_id="p", pack_version="1", device="cpu",
                    mode="warm", duration=0.0)
    assert json.loads(render(run, "json"))["exercises"][0]["checks"][0]["diff"]["mismatches"]
    text = render(run, "text")
    assert "* marks a wrong value, ! the worst:" in text and "Expected" in text
