"""The check detail's pictures: tensor diff, shape trace, loss curves (snapshots and flows).

The results replayed here were recorded from real grading runs of wrong answers
(data/feedback/record.py rewrites them); the app draws them without torch. After
an intended change of the look, refresh the pictures with
``pytest tests/app/ui/test_ui_feedback.py --snapshot-update``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from tutor.grading.fake import FakeGrader
from tutor.grading.request import GradeRequest
from tutor.grading.results import CheckResult, ExerciseResult
from tutor.grading.status import Status

RECORDED = json.loads((Path(__file__).parent / "data" / "feedback" / "checks.json")
                      .read_text(encoding="utf-8"))
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


class RecordedGrader(FakeGrader):
    """Answers every request with one recorded failing check and a passing one."""

    def __init__(self, picture: str) -> None:
        super().__init__()
        self.picture = picture

    def grade(self, request: GradeRequest, on_check: Any = None,
              cancel: threading.Event | None = None) -> ExerciseResult:
        self.requests.append(request)
        checks = [CheckResult.from_dict(RECORDED[self.picture]),
                  CheckResult(f"{request.exercise_id}::ok", "a worked example", Status.PASSED)]
        for check in checks:
            if on_check is not None:
                on_check(check)
        return ExerciseResult(request.exercise_id, request.title, checks, 0.12,
                              request.target_path)


async def settle(pilot, condition, what: str) -> None:
    """Wait for a state, not a fixed time: pictures must not depend on machine load."""
    for _ in range(200):
        if condition():
            await pilot.pause(0.1)
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never reached: {what}")


NOTES = {"diff": "enter: values side by side", "nonfinite": "enter: values side by side",
         "trace": "enter: shapes line by line", "layers": "enter: the layer table",
         "curves": "enter: loss curves"}


async def open_detail(pilot, note: str | None = None, text=None) -> None:
    from tutor.ui.screens.lesson import LessonScreen
    from tutor.ui.screens.result_detail import ResultDetailScreen

    await pilot.press("enter")
    await settle(pilot, lambda: isinstance(pilot.app.screen, LessonScreen), "lesson screen")
    await pilot.press("r")
    rows = pilot.app.screen.query_one("#checks")
    await settle(pilot, lambda: len(rows.children) == 2 and rows.index == 0, "verdict")
    if note is not None:  # the row says what Enter shows
        assert note in text(pilot.app), text(pilot.app)
    rows.focus()
    await pilot.press("enter")
    await settle(pilot, lambda: isinstance(pilot.app.screen, ResultDetailScreen), "detail")


def _snapshot(picture: str, size, snap_compare, mini_workspace, make_app) -> bool:
    async def detail(pilot):
        await open_detail(pilot)
        body = pilot.app.screen.query_one("#detail-body")
        # The message is long: show the picture itself.
        target = pilot.app.screen.query_one("#detail-feedback")
        body.scroll_to_widget(target, animate=False, top=True)
        await pilot.pause(0.2)

    app = make_app(mini_workspace, grader=RecordedGrader(picture))
    return snap_compare(app, terminal_size=size, run_before=detail)


@pytest.mark.parametrize("size", SIZES)
def test_tensor_diff_in_the_check_detail(size, snap_compare, mini_workspace, make_app):
    assert _snapshot("diff", size, snap_compare, mini_workspace, make_app)


@pytest.mark.parametrize("size", SIZES)
def test_nan_facing_finite_values_in_the_check_detail(size, snap_compare, mini_workspace,
                                                      make_app):
    assert _snapshot("nonfinite", size, snap_compare, mini_workspace, make_app)


@pytest.mark.parametrize("size", SIZES)
def test_shape_trace_in_the_check_detail(size, snap_compare, mini_workspace, make_app):
    assert _snapshot("trace", size, snap_compare, mini_workspace, make_app)


@pytest.mark.parametrize("size", SIZES)
def test_loss_curves_in_the_check_detail(size, snap_compare, mini_workspace, make_app):
    assert _snapshot("curves", size, snap_compare, mini_workspace, make_app)


@pytest.mark.parametrize("picture, shown", [
    ("diff", ["Your values beside the expected ones", "Yours in slice (1, 2)", "8.417!",
              "2.082!", "Expected in slice (1, 2)", "slice (0, 1)"]),
    ("nonfinite", ["returned NaN at 32 of 40", "has NaN at 32 of 40 elements where the",
                   "# a non-finite value facing a finite", "nan!", "nan#", "0#"]),
    ("trace", ["Shapes, line by line", "called with x: float32 (2, 3, 4, 5)", "raised here",
               "▶   8  return (x - mean.view(-1, 1))", "The reference, step by step"]),
    ("layers", ["Layer by layer", "6 Flatten", "(4, 256)", "raised RuntimeError: mat1",
                "(not reached)", "61,706 / 44,426"]),
    ("curves", ["Loss curves: yours (line) against the reference (dots)", "1e+10",
                "× marks a loss", "2.202 → nan/inf"]),
])
def test_each_picture_reads_in_80_columns(picture, shown, mini_workspace, make_app, ui):
    """Every picture fits an 80-column terminal and says its point without colour."""
    import asyncio

    app = make_app(mini_workspace, grader=RecordedGrader(picture))

    async def run() -> str:
        async with app.run_test(size=(100, 60)) as pilot:
            await open_detail(pilot, note=NOTES[picture], text=ui.text)
            await pilot.resize_terminal(80, 60)  # drawn again for the new width
            await pilot.pause(0.2)
            return ui.text(app)

    text = asyncio.run(run())
    for piece in shown:
        assert piece in text, f"{piece!r} not on screen:\n{text}"


def test_the_app_draws_the_pictures_without_torch():
    """The UI process imports the drawing and plotting modules; torch stays out."""
    code = ("import sys, tutor.ui.app, tutor.ui.screens.result_detail, tutor.ui.widgets.feedback, "
            "tutor.ui.widgets.curve_plot, tutor.grading.diffview, tutor.grading.traceview, "
            "tutor.grading.curveview; assert 'torch' not in sys.modules, 'torch loaded'")
    subprocess.run([sys.executable, "-c", code], check=True)
