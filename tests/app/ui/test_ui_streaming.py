"""Results stream into the app as checks finish; the first problem is on top at once."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from tutor.grading.request import GradeRequest
from tutor.grading.results import CheckResult, ExerciseResult
from tutor.grading.status import Status
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.widgets.results_panel import CheckRow, ResultsPanel

SIZE = (120, 36)


class HeldGrader:
    """Reports two passes and a failure, then holds the run open until released."""

    mode = "held"

    def __init__(self) -> None:
        self.release = threading.Event()

    def prewarm(self) -> None:
        return None

    def grade(self, request: GradeRequest, on_check: Any = None,
              cancel: threading.Event | None = None) -> ExerciseResult:
        checks = [CheckResult(f"{request.exercise_id}::{n}", name, status, message)
                  for n, (name, status, message) in enumerate([
                      ("a worked example", Status.PASSED, ""),
                      ("random shapes", Status.PASSED, ""),
                      ("zero sizes", Status.FAILED, "broadcast_shape((0,), (1,)) returned (1,); "
                                                    "expected (0,)")])]
        for check in checks:
            if on_check is not None:
                on_check(check)
        self.release.wait(30)
        return ExerciseResult(request.exercise_id, request.title, checks, 0.1,
                              request.target_path)

    def close(self) -> None:
        self.release.set()


def test_first_failure_is_the_top_row_while_the_run_goes_on(make_app, mini_workspace, ui):
    grader = HeldGrader()

    async def scenario() -> None:
        app = make_app(mini_workspace, grader=grader)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await ui.until(pilot, lambda: isinstance(app.screen, LessonScreen))
            await pilot.press("r")
            panel = app.screen.query_one(ResultsPanel)
            await ui.until(pilot, lambda: len(panel.query(CheckRow)) == 3, what="3 rows")
            assert app.running is not None, "the run is still in flight"
            rows = list(panel.query(CheckRow))
            assert rows[0].check.status is Status.FAILED
            assert [row.check.name for row in rows] == ["zero sizes", "a worked example",
                                                        "random shapes"]
            await ui.shows(pilot, "expected (0,)")
            grader.release.set()
            await ui.until(pilot, lambda: app.running is None, what="the verdict")
            assert list(panel.query(CheckRow))[0].check.status is Status.FAILED

    try:
        asyncio.run(scenario())
    finally:
        grader.release.set()
