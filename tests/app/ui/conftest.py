"""Fixtures for the app's UI tests: real temp workspaces, FakeGrader, screen text.

Tests are sync functions around ``asyncio.run`` (no pytest-asyncio here). The
helpers come as fixtures because this test tree has no packages to import from.
"""

from __future__ import annotations

import io
import shutil
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.app import App
from textual.pilot import Pilot

from tutor.course import Pack, load_pack
from tutor.course.registry import find_pack
from tutor.grading.fake import FakeGrader
from tutor.grading.request import GradeRequest
from tutor.grading.results import ExerciseResult
from tutor.ui.app import TutorApp
from tutor.workspace import Workspace

MINIPACK = Path(__file__).parent / "data" / "minipack"
HERE = Path(__file__).parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The app driven through Pilot takes seconds a test: out of the inner loop
    # (`pytest -m "not slow"`), in every full run.
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.slow)

SIZE = (120, 36)
MAKE_GRID = "return torch.arange(rows * cols).reshape(rows, cols)"


class SteadyFakeGrader(FakeGrader):
    """FakeGrader with fixed durations, so snapshots do not depend on machine load."""

    def grade(self, request: GradeRequest, on_check: Any = None,
              cancel: Any = None) -> ExerciseResult:
        result = super().grade(request, on_check, cancel)
        result.duration = 0.12
        return result


def screen_text(app: App[Any]) -> str:
    """What the terminal shows right now, as plain text (like ``tmux capture-pane``)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()


async def until(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 10.0,
                what: str = "") -> None:
    """Let the app run until ``condition()`` holds (grading runs in threads)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}\n"
                                 f"{screen_text(pilot.app)}")
        await pilot.pause(0.05)


async def shows(pilot: Pilot[Any], text: str, timeout: float = 10.0) -> str:
    """Wait until the screen shows ``text``; return the screen."""
    await until(pilot, lambda: text in screen_text(pilot.app), timeout, repr(text))
    return screen_text(pilot.app)


async def notified(pilot: Pilot[Any], text: str, timeout: float = 10.0) -> str:
    """Wait until a notification (toast) containing ``text`` was raised; return it.

    Toasts live on their own layer, which the headless compositor capture omits.
    """
    def found() -> str | None:
        return next((n.message for n in pilot.app._notifications if text in n.message), None)

    await until(pilot, lambda: found() is not None, timeout, f"notification {text!r}")
    return found() or ""


@dataclass
class UI:
    text: Callable[[App[Any]], str] = screen_text
    until: Callable[..., Awaitable[None]] = until
    shows: Callable[..., Awaitable[str]] = shows
    notified: Callable[..., Awaitable[str]] = notified


@pytest.fixture
def ui() -> UI:
    return UI()


@pytest.fixture
def builtin_workspace(tmp_path: Path) -> Workspace:
    return Workspace.create(tmp_path / "ws", find_pack(None))


@pytest.fixture
def minipack(tmp_path: Path) -> Pack:
    """A private copy of the fixed test pack (tests may break it on purpose)."""
    root = tmp_path / "minipack"
    shutil.copytree(MINIPACK, root)
    return load_pack(root)


@pytest.fixture
def mini_workspace(tmp_path: Path, minipack: Pack) -> Workspace:
    return Workspace.create(tmp_path / "ws", minipack)


@pytest.fixture
def steady_grader() -> SteadyFakeGrader:
    return SteadyFakeGrader()


@pytest.fixture
def make_app() -> Callable[..., TutorApp]:
    def make(workspace: Workspace | None = None, grader: Any = None, watch: bool = False,
             **kwargs: Any) -> TutorApp:
        return TutorApp(grader or FakeGrader(), workspace, watch=watch, **kwargs)

    return make


@pytest.fixture(autouse=True)
def _no_user_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    # The developer's own $EDITOR must never open during tests.
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
