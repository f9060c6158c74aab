"""Text captures of the check detail's pictures in the app (for docs/feedback-views.txt).

Replays the results recorded from real grading runs (tests/app/ui/data/feedback/
checks.json, rewritten by record.py there) in the real app, headless, opens each
check's detail at 120x36 and 80x24, scrolls to the picture and prints the screen
as plain text (what `tmux capture-pane` would show, without colour).

    python benchmarks/feedback_views.py > docs/feedback-views.txt
"""

from __future__ import annotations

import asyncio
import io
import json
import tempfile
import threading
from pathlib import Path
from typing import Any

from rich.console import Console

from tutor.course import load_pack
from tutor.grading.fake import FakeGrader
from tutor.grading.request import GradeRequest
from tutor.grading.results import CheckResult, ExerciseResult
from tutor.grading.status import Status
from tutor.ui.app import TutorApp
from tutor.workspace import Workspace

UI = Path(__file__).resolve().parents[1] / "tests" / "app" / "ui"
RECORDED = json.loads((UI / "data" / "feedback" / "checks.json").read_text("utf-8"))
TITLES = {"diff": "the tensor diff", "trace": "the shape trace (line by line)",
          "layers": "the shape trace (layer by layer)", "curves": "the loss curves"}


class Replay(FakeGrader):
    def __init__(self, picture: str) -> None:
        super().__init__()
        self.picture = picture

    def grade(self, request: GradeRequest, on_check: Any = None,
              cancel: threading.Event | None = None) -> ExerciseResult:
        checks = [CheckResult.from_dict(RECORDED[self.picture]),
                  CheckResult(f"{request.exercise_id}::ok", "a worked example", Status.PASSED)]
        return ExerciseResult(request.exercise_id, request.title, checks, 0.12,
                              request.target_path)


def text_of(app: TutorApp) -> str:
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()


async def wait(pilot: Any, condition: Any) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.05)
    raise RuntimeError("the app never got there")


async def capture(picture: str, size: tuple[int, int], root: Path) -> str:
    from tutor.ui.screens.lesson import LessonScreen
    from tutor.ui.screens.result_detail import ResultDetailScreen

    workspace = Workspace.create(root / f"{picture}-{size[0]}", load_pack(UI / "data" /
                                                                          "minipack"))
    app = TutorApp(Replay(picture), workspace, watch=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")
        await wait(pilot, lambda: isinstance(app.screen, LessonScreen))
        await pilot.press("r")
        rows = app.screen.query_one("#checks")
        await wait(pilot, lambda: len(rows.children) == 2)
        rows.focus()
        await pilot.press("enter")
        await wait(pilot, lambda: isinstance(app.screen, ResultDetailScreen))
        await pilot.pause(0.3)
        app.screen.query_one("#detail-body").scroll_to_widget(
            app.screen.query_one("#detail-feedback"), animate=False, top=True)
        await pilot.pause(0.3)
        return text_of(app)


def main() -> None:
    print(__doc__.split("\n\n")[0])
    with tempfile.TemporaryDirectory() as tmp:
        for picture in ("diff", "trace", "layers", "curves"):
            for size in ((120, 36), (80, 24)):
                print(f"\n=== {TITLES[picture]}, {size[0]}x{size[1]} "
                      f"({RECORDED[picture]['id'].split('::')[-1]}) ===")
                print(asyncio.run(capture(picture, size, Path(tmp))).rstrip())


if __name__ == "__main__":
    main()
