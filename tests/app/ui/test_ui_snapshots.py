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


def test_course_map(snap_compare, fixed_workspace, app_for):
    fixed_workspace.record("lesson01/scale", "passed")
    assert snap_compare(app_for(fixed_workspace), terminal_size=SIZE)


def test_lesson_with_a_failing_check(snap_compare, fixed_workspace, app_for):
    failing(fixed_workspace)

    async def check(pilot):
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press("r")
        await pilot.pause(0.5)

    assert snap_compare(app_for(fixed_workspace), terminal_size=SIZE, run_before=check)


def test_second_hint_revealed(snap_compare, fixed_workspace, app_for):
    async def hints(pilot):
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press("h")
        await pilot.pause(0.2)
        await pilot.press("h")
        await pilot.pause(0.3)

    assert snap_compare(app_for(fixed_workspace), terminal_size=SIZE, run_before=hints)


def test_built_in_editor(snap_compare, fixed_workspace, app_for):
    async def edit(pilot):
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press("e")
        await pilot.pause(0.5)
        # A blinking cursor would make the picture depend on the moment it is taken.
        pilot.app.screen.editor.code.cursor_blink = False
        await pilot.pause(0.1)

    assert snap_compare(app_for(fixed_workspace), terminal_size=SIZE, run_before=edit)
