"""Snapshots of every screen at 80x24 and 120x36 (pytest-textual-snapshot).

The fixed minipack and SteadyFakeGrader keep them stable. After an intended
change of the look, review the new pictures and refresh them with
``pytest tests/app/ui/test_ui_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.workspace import Workspace

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


@pytest.fixture
def fixed_workspace(mini_workspace: Workspace) -> Workspace:
    return mini_workspace


@pytest.fixture
def app_for(make_app, steady_grader):
    return lambda workspace: make_app(workspace, grader=steady_grader)


def failing(workspace: Workspace) -> None:
    path = workspace.root / "exercises" / "lesson01_basics" / "scale.py"
    path.write_text(path.read_text().replace(
        '    raise NotImplementedError("scale: not written yet")',
        "    return (x * factor).unsqueeze(1)  # FAIL"))


async def settle(pilot, condition, what: str) -> None:
    """Wait for a state, not a fixed time: pictures must not depend on machine load."""
    for _ in range(200):
        if condition():
            await pilot.pause(0.1)
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never reached: {what}")


async def open_lesson(pilot) -> None:
    from tutor.ui.screens.lesson import LessonScreen

    await pilot.press("enter")
    await settle(pilot, lambda: isinstance(pilot.app.screen, LessonScreen), "lesson screen")


@pytest.mark.parametrize("size", SIZES)
def test_course_map(size, snap_compare, fixed_workspace, app_for):
    fixed_workspace.record("lesson01/scale", "passed")
    assert snap_compare(app_for(fixed_workspace), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_lesson_with_a_failing_check(size, snap_compare, fixed_workspace, app_for):
    failing(fixed_workspace)

    async def check(pilot):
        await open_lesson(pilot)
        await pilot.press("r")
        # The first failing row is highlighted one refresh after the verdict: wait for it.
        rows = pilot.app.screen.query_one("#checks")
        await settle(pilot, lambda: len(rows.children) == 4 and rows.index == 0, "verdict")

    assert snap_compare(app_for(fixed_workspace), terminal_size=size, run_before=check)


@pytest.mark.parametrize("size", SIZES)
def test_second_hint_revealed(size, snap_compare, fixed_workspace, app_for):
    async def hints(pilot):
        from tutor.ui.screens.hint import HintScreen

        await open_lesson(pilot)
        await pilot.press("h")
        await settle(pilot, lambda: isinstance(pilot.app.screen, HintScreen), "hint screen")
        await pilot.press("h")
        await settle(pilot, lambda: pilot.app.screen.level == 2, "second hint")

    assert snap_compare(app_for(fixed_workspace), terminal_size=size, run_before=hints)


@pytest.mark.parametrize("size", SIZES)
def test_built_in_editor(size, snap_compare, fixed_workspace, app_for):
    async def edit(pilot):
        await open_lesson(pilot)
        await pilot.press("e")
        screen = pilot.app.screen
        await settle(pilot, lambda: screen.editing and screen.editor.code.has_focus, "editor")
        # The tasks beside the editor are Markdown, laid out a moment later.
        await settle(pilot, lambda: screen.has_class("-typing") and len(
            screen.query_one("#task-text").children) > 0, "tasks beside the editor")
        # A blinking cursor would make the picture depend on the moment it is taken.
        screen.editor.code.cursor_blink = False
        # TextArea's line cache key leaves out the blink phase once blinking is off: a line
        # cached while the cursor blinked off would be drawn without it (seen under load).
        screen.editor.code._line_cache.clear()
        screen.editor.code.refresh()
        await pilot.pause(0.2)

    assert snap_compare(app_for(fixed_workspace), terminal_size=size, run_before=edit)


async def _wait_for(pilot, screen_type, what):
    await settle(pilot, lambda: isinstance(pilot.app.screen, screen_type), what)


@pytest.mark.parametrize("size", SIZES)
def test_lesson_opens_at_its_title(size, snap_compare, fixed_workspace, app_for):
    async def read(pilot):
        from tutor.ui.widgets.lesson_text import LessonText

        await open_lesson(pilot)
        await settle(pilot, lambda: pilot.app.screen._place_restored, "reading place")
        await settle(pilot, lambda: pilot.app.screen.query_one(LessonText).has_focus, "focus")

    assert snap_compare(app_for(fixed_workspace), terminal_size=size, run_before=read)


@pytest.mark.parametrize("size", SIZES)
def test_help(size, snap_compare, fixed_workspace, app_for):
    async def help_(pilot):
        from tutor.ui.screens.help import HelpScreen

        await open_lesson(pilot)
        await pilot.press("question_mark")
        await _wait_for(pilot, HelpScreen, "help")

    assert snap_compare(app_for(fixed_workspace), terminal_size=size, run_before=help_)


@pytest.mark.parametrize("size", SIZES)
def test_check_detail(size, snap_compare, fixed_workspace, app_for):
    failing(fixed_workspace)

    async def detail(pilot):
        from tutor.ui.screens.result_detail import ResultDetailScreen

        await open_lesson(pilot)
        await pilot.press("r")
        rows = pilot.app.screen.query_one("#checks")
        await settle(pilot, lambda: len(rows.children) == 4 and rows.index == 0, "verdict")
        pilot.app.screen.query_one("#checks").focus()
        await pilot.press("enter")
        await _wait_for(pilot, ResultDetailScreen, "detail")

    assert snap_compare(app_for(fixed_workspace), terminal_size=size, run_before=detail)


@pytest.mark.parametrize("size", SIZES)
def test_solution_compare(size, snap_compare, fixed_workspace, app_for):
    failing(fixed_workspace)
    fixed_workspace.state.progress("lesson01/scale").solution_viewed = True  # no question
    fixed_workspace.save()

    async def compare(pilot):
        from tutor.ui.screens.solution import SolutionScreen

        await open_lesson(pilot)
        await pilot.press("s")
        await _wait_for(pilot, SolutionScreen, "compare")
        for area in pilot.app.screen.query("TextArea"):
            area.cursor_blink = False
        await pilot.pause(0.2)

    assert snap_compare(app_for(fixed_workspace), terminal_size=size, run_before=compare)


@pytest.mark.parametrize("size", SIZES)
def test_new_workspace(size, snap_compare, make_app, steady_grader, minipack, tmp_path):
    app = make_app(None, grader=steady_grader, pack=minipack,
                   new_workspace_at=Path("pytorch-tutor"))

    async def shown(pilot):
        from tutor.ui.screens.new_workspace import NewWorkspaceScreen

        await _wait_for(pilot, NewWorkspaceScreen, "welcome")
        pilot.app.screen.query_one("Input").cursor_blink = False
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=size, run_before=shown)
