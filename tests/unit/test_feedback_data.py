"""Feedback data (tensor diff, shape trace, loss curves): attached on failure, carried by
the protocol and the result model, drawn by the CLI text (golden files).

The check runs in-process with the grader's Collector (pytester); the drawings are
rendered from results recorded from real grading runs of wrong answers
(tests/app/ui/data/feedback/record.py writes them).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from golden_files import assert_golden

from tutor.grading.collector import Collector
from tutor.grading.formats import render
from tutor.grading.protocol import PROTOCOL_VERSION, CheckReport, decode, encode
from tutor.grading.results import CheckResult, ExerciseResult, RunResult
from tutor.grading.status import Status

GOLDEN = Path(__file__).parent / "golden"
RECORDED = json.loads((Path(__file__).parents[1] / "app" / "ui" / "data" / "feedback" /
                       "checks.json").read_text(encoding="utf-8"))

CHECKS = '''
import torch
from tutor.testing import assert_close, layers, loss_curves, on_failure, shapes


def swapped(x, y):
    d = x - y[:, None, :]
    return (d ** 2).sum(-1)


def good(x, y):
    d = x[:, None, :] - y[None, :, :]
    return (d ** 2).sum(-1)


X, Y = torch.ones(4, 2), torch.zeros(3, 2)


def test_shape_trace():
    assert_close(swapped(X, Y), good(X, Y), call="dists(x, y)",
                 trace=shapes(swapped, X, Y, against=good))


def test_layer_table():
    net, ref = torch.nn.Linear(2, 3), torch.nn.Linear(2, 4)
    with on_failure(trace=layers(net, X, against=lambda: ref)):
        assert net(X).shape == (4, 4), "wrong width"


def test_curves():
    yours, want = [1.0, 2.0, float("inf")], [1.0, 0.5, 0.25]
    with on_failure(curves=lambda: loss_curves(yours, want, x_label="epoch")):
        assert_close(torch.tensor(yours), torch.tensor(want), call="train()")


def test_passes_and_carries_nothing():
    with on_failure(curves=lambda: loss_curves([1.0], [1.0])):
        assert_close(good(X, Y), good(X, Y))
'''


@pytest.fixture
def reports(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> dict[str, CheckReport]:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makepyfile(test_feedback=CHECKS)
    stream = io.BytesIO()
    pytester.inline_run("-q", "-p", "no:cacheprovider", plugins=[Collector(stream)])
    events = [decode(line).event for line in stream.getvalue().splitlines()]
    return {e.id.split("::test_")[-1]: e for e in events if isinstance(e, CheckReport)}


def test_a_failing_check_sends_its_trace_and_curves(reports):
    trace = reports["shape_trace"].trace
    assert trace is not None and trace["kind"] == "lines" and trace["diverged"] == 6
    assert trace["yours"]["steps"][0] == {"line": 6, "source": "d = x - y[:, None, :]",
                                          "tensors": {"d": "float32 (3, 4, 2)"}}
    assert "Shape trace: line 6 is the first" in reports["shape_trace"].message
    table = reports["layer_table"].trace
    assert table is not None and table["kind"] == "layers" and table["first_bad"] == 0
    assert table["rows"][0]["yours"][1:] == ["(4, 3)", 9]
    curves = reports["curves"].curves
    assert curves is not None and curves["yours"] == [1.0, 2.0, None]  # inf: strict JSON
    assert curves["x"] == "epoch"
    passed = reports["passes_and_carries_nothing"]
    assert passed.status is Status.PASSED and passed.curves is None and passed.trace is None


def test_feedback_round_trips_through_the_protocol_and_json(reports):
    for report in reports.values():
        assert decode(encode(report, run=3)).event == report
    check = CheckResult.from_dict(RECORDED["curves"])
    again = CheckResult.from_dict(json.loads(json.dumps(check.to_dict())))
    assert again == check and again.curves == RECORDED["curves"]["curves"]


def test_lines_without_the_new_fields_still_decode():
    """A worker from before traces and curves (same protocol version) is understood."""
    old = {"v": PROTOCOL_VERSION, "event": "check", "id": "t::a", "name": "a",
           "status": "failed", "message": "m", "diff": None}
    event = decode(json.dumps(old)).event
    assert isinstance(event, CheckReport) and event.trace is None and event.curves is None
    newer = {**old, "trace": {"kind": "lines"}, "heatmaps3d": [1]}  # a field from the future
    assert decode(json.dumps(newer)).event.trace == {"kind": "lines"}


def _run() -> RunResult:
    checks = [CheckResult.from_dict(RECORDED[name]) for name in ("diff", "trace", "layers",
                                                                  "curves")]
    exercises = [ExerciseResult(f"feedback/{name}", name, [check], 0.1)
                 for name, check in zip(("diff", "trace", "layers", "curves"), checks,
                                        strict=True)]
    return RunResult(exercises, pack_id="feedback", pack_version="1", device="cpu",
                     mode="warm", duration=1.0)


@pytest.mark.parametrize("name, options", [
    ("feedback.txt", {}),
    ("feedback-ascii-verbose.txt", {"ascii_only": True, "verbose": True}),
])
def test_the_cli_text_draws_each_picture(name, options):
    text = render(_run(), "text", **options)
    assert_golden(GOLDEN / "formats" / name, text)
    from tutor.grading.formats.text import feedback_lines

    # The drawings (the messages are the checks' own text, wrapped by the terminal).
    for exercise in _run().exercises:
        drawing = feedback_lines(exercise.checks[0], ascii_only=bool(options))
        assert drawing and max(len(line) for line in drawing) <= 80
        assert all(line.isascii() for line in drawing) or not options


def test_json_carries_every_picture():
    document = json.loads(render(_run(), "json"))
    keys = [set(ex["checks"][0]) & {"diff", "trace", "curves"} for ex in document["exercises"]]
    assert keys == [{"diff"}, {"trace"}, {"trace"}, {"curves"}]
