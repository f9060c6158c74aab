"""Snapshots of the main screens at 120x36 (pytest-textual-snapshot).

The fixed minipack and SteadyFakeGrader keep them stable. After an intended
change of the look, review the new pictures and refresh them with
``pytest tests/app/ui/test_ui_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest

from tutor.workspace import Workspace

SIZE = (120, 36)


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


def test_course_map(snap_compare, fixed_workspace, app_for):
    fixed_workspace.record("lesson01/scale", "passed")
    assert snap_compare(app_for(fixed_workspace), terminal_size=SIZE)


def test_lesson_with_a_failing_check(snap_compare, fixed_workspace, app_for):
    failing(fixed_workspace)

    async def check(pilot):
        await open_lesson(pilot)
        await pilot.press("r")
        # The first failing row is highlighted one refresh after the verdict: wait for it.
        rows = pilot.app.screen.query_one("#checks")
        await settle(pilot, lambda: len(rows.children) == 4 and rows.index == 0, "verdict")

    assert snap_compare(app_for(fixed_workspace), terminal_size=SIZE, run_before=check)


def test_second_hint_revealed(snap_compare, fixed_workspace, app_for):
    async def hints(pilot):
        from tutor.ui.screens.hint import HintScreen

        await open_lesson(pilot)
        await pilot.press("h")
        await settle(pilot, lambda: isinstance(pilot.app.screen, HintScreen), "hint screen")
        await pilot.press("h")
        await settle(pilot, lambda: pilot.app.screen.level == 2, "second hint")

    assert snap_compare(app_for(fixed_workspace), terminal_size=SIZE, run_before=hints)


def test_built_in_editor(snap_compare, fixed_workspace, app_for):
    async def edit(pilot):
        await open_lesson(pilot)
        await pilot.press("e")
        screen = pilot.app.screen
        await settle(pilot, lambda: screen.editing and screen.editor.code.has_focus, "editor")
        # A blinking cursor would make the picture depend on the moment it is taken.
        screen.editor.code.cursor_blink = False
        await pilot.pause(0.2)

    assert snap_compare(app_for(fixed_workspace), terminal_size=SIZE, run_before=edit)
