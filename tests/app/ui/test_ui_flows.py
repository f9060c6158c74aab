"""The learner's flows end to end on real files: first run, editing, $EDITOR, live
re-grading, success, reset, solution, help, palette, persistence, corrupt state.

FakeGrader grades (it reads the real file the app saved); the real grader has its
own slow test in test_ui_real_grader.py.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from textual.widgets import Static

from tutor.grading.fake import FakeGrader
from tutor.ui.screens.choice import ChoiceScreen
from tutor.ui.screens.course_map import CourseMapScreen
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.new_workspace import NewWorkspaceScreen
from tutor.ui.screens.solution import SolutionScreen
from tutor.workspace import Workspace

SIZE = (120, 36)
SOLVED_LINE = "    return x * factor"


async def open_first_lesson(app, pilot, ui) -> LessonScreen:
    await ui.until(pilot, lambda: isinstance(app.screen, CourseMapScreen), what="course map")
    await pilot.press("enter")
    await ui.until(pilot, lambda: isinstance(app.screen, LessonScreen)
                   and app.screen.current is not None, what="lesson screen")
    return app.screen


def scale_file(workspace: Workspace) -> Path:
    return workspace.root / "exercises" / "lesson01_basics" / "scale.py"


def solve(text: str) -> str:
    return text.replace('    raise NotImplementedError("scale: not written yet")', SOLVED_LINE)


def test_first_run_offers_to_create_a_workspace(make_app, minipack, tmp_path, ui):
    target = tmp_path / "my-course"

    async def scenario() -> None:
        app = make_app(None, pack=minipack, new_workspace_at=target)
        async with app.run_test(size=SIZE) as pilot:
            text = await ui.shows(pilot, "Welcome to torch-tutor")
            assert "UI test pack" in text and "2 lessons, 3 exercises" in text
            assert isinstance(app.screen, NewWorkspaceScreen)
            await pilot.press("enter")  # accept the suggested folder
            await ui.until(pilot, lambda: isinstance(app.screen, CourseMapScreen),
                           what="course map after creating the workspace")
            assert app.workspace is not None and app.workspace.root == target.resolve()

    asyncio.run(scenario())
    assert (target / ".tutor" / "state.json").is_file()
    assert (target / "exercises" / "lesson01_basics" / "scale.py").is_file()


def test_first_run_with_a_bad_folder_says_why_and_stays(make_app, minipack, tmp_path, ui):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")

    async def scenario() -> None:
        app = make_app(None, pack=minipack, new_workspace_at=tmp_path / "unused")
        async with app.run_test(size=SIZE) as pilot:
            await ui.shows(pilot, "Welcome to torch-tutor")
            field = app.screen.query_one("#workspace-path")
            field.value = str(blocker)
            await pilot.press("enter")
            await ui.until(pilot, lambda: "a-file" in str(
                app.screen.query_one("#workspace-error").render()), what="the error")
            assert isinstance(app.screen, NewWorkspaceScreen)

    asyncio.run(scenario())
    assert blocker.read_text() == "not a folder"


def test_builtin_editor_save_regrades_and_celebrates_a_pass(make_app, mini_workspace, ui):
    grader = FakeGrader()

    async def scenario() -> None:
        app = make_app(mini_workspace, grader=grader)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_first_lesson(app, pilot, ui)
            await pilot.press("e")
            await ui.until(pilot, lambda: screen.editing, what="editor shown")
            code = screen.editor.code
            assert code.has_focus
            # The cursor starts on the stub's raise line: select it and type the answer.
            row = code.cursor_location[0]
            assert "NotImplementedError" in code.document.get_line(row)
            code.select_line(row)
            await pilot.press("backspace")
            for key in "return x * factor":
                await pilot.press("space" if key == " " else
                                  {"*": "asterisk"}.get(key, key))
            assert screen.editor_dirty
            await ui.shows(pilot, "unsaved")
            await pilot.press("ctrl+s")
            text = await ui.shows(pilot, "First pass!")
            assert "1/2 exercises passed in this lesson" in text

            def banner() -> str:
                return str(screen.query_one("#success", Static).content)

            # In the editor letters type: the banner names the key that leaves it.
            assert "esc (done editing), then n → next: Add one" in banner()
            await pilot.press("escape")  # leave the editor: letter keys work again
            await ui.until(pilot, lambda: banner().startswith("🎉") and "esc (" not in banner(),
                           what="banner without esc")
            assert "n → next: Add one" in banner()
            await pilot.press("n")
            await ui.until(pilot, lambda: screen.current.id == "add_one", what="next exercise")

    asyncio.run(scenario())
    saved = scale_file(mini_workspace).read_text()
    assert "return x * factor" in saved and "NotImplementedError" not in saved
    assert grader.requests and grader.requests[-1].target_path == str(scale_file(mini_workspace))
    state = json.loads((mini_workspace.root / ".tutor" / "state.json").read_text())
    assert state["exercises"]["lesson01/scale"]["status"] == "passed"


def test_external_editor_suspends_and_regrades_on_return(make_app, mini_workspace, ui,
                                                         tmp_path, monkeypatch):
    # A real program as $EDITOR: it rewrites the file it is given, like a learner would.
    fake_editor = tmp_path / "editor.py"
    fake_editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace("
        "'    raise NotImplementedError(\"scale: not written yet\")', "
        f"{SOLVED_LINE!r}))\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {fake_editor}")

    async def scenario() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=SIZE) as pilot:
            await open_first_lesson(app, pilot, ui)
            await pilot.press("o")
            text = await ui.shows(pilot, "First pass!")
            assert "1/2 exercises passed" in text

    asyncio.run(scenario())
    assert SOLVED_LINE in scale_file(mini_workspace).read_text()


def test_external_editor_unset_explains_what_to_do(make_app, mini_workspace, ui):
    async def scenario() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=SIZE) as pilot:
            await open_first_lesson(app, pilot, ui)
            await pilot.press("o")
            message = await ui.notified(pilot, "Set $EDITOR")
            assert "press e for the built-in one" in message

    asyncio.run(scenario())


def test_saving_from_another_editor_regrades_through_the_watcher(make_app, mini_workspace, ui):
    async def scenario() -> None:
        app = make_app(mini_workspace, watch=True, poll=True)
        async with app.run_test(size=SIZE) as pilot:
            await open_first_lesson(app, pilot, ui)
            path = scale_file(mini_workspace)
            solved = solve(path.read_text())
            # A save before the watcher's first snapshot goes unseen: save again (new
            # content each time) until the verdict shows, instead of guessing a pause.
            for attempt in range(10):
                path.write_text(solved + "\n" * attempt)
                try:
                    await ui.shows(pilot, "First pass!", timeout=3)
                    break
                except AssertionError:
                    continue
            else:
                raise AssertionError("no save was ever picked up by the watcher")

    asyncio.run(scenario())


def test_a_newer_save_cancels_the_run_in_flight(make_app, mini_workspace, ui):
    grader = FakeGrader(delay_s=0.6)
    path = scale_file(mini_workspace)

    async def scenario() -> None:
        app = make_app(mini_workspace, grader=grader)
        async with app.run_test(size=SIZE) as pilot:
            await open_first_lesson(app, pilot, ui)
            path.write_text(solve(path.read_text()).replace("factor\n", "factor  # FAIL\n"))
            await pilot.press("r")
            await ui.shows(pilot, "checking")
            path.write_text(solve(path.read_text()).replace("  # FAIL", ""))
            await pilot.press("r")
            text = await ui.shows(pilot, "First pass!", timeout=15)
            assert "returned shape (4, 1)" not in text  # the stale run never showed

    asyncio.run(scenario())
    assert len(grader.requests) == 2
    state = json.loads((mini_workspace.root / ".tutor" / "state.json").read_text())
    assert state["exercises"]["lesson01/scale"]["attempts"] == 1  # only the newest counted


def test_reset_asks_then_restores_the_stub_and_keeps_a_backup(make_app, mini_workspace, ui):
    path = scale_file(mini_workspace)
    path.write_text(solve(path.read_text()) + "# my notes\n")

    async def scenario() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=SIZE) as pilot:
            await open_first_lesson(app, pilot, ui)
            await pilot.press("x")
            await ui.until(pilot, lambda: isinstance(app.screen, ChoiceScreen), what="confirm")
            await ui.shows(pilot, "Reset exercise")
            await pilot.press("escape")  # cancel first: nothing changes
            await ui.until(pilot, lambda: isinstance(app.screen, LessonScreen))
            assert "# my notes" in path.read_text()
            await pilot.press("x")
            await ui.until(pilot, lambda: isinstance(app.screen, ChoiceScreen), what="confirm")
            await pilot.click("#choice-reset")
            message = await ui.notified(pilot, "back to the original stub")
            assert ".tutor/backups" in message

    asyncio.run(scenario())
    assert "NotImplementedError" in path.read_text()
    backups = list((mini_workspace.root / ".tutor" / "backups").rglob("scale*.py"))
    assert backups and any("# my notes" in b.read_text() for b in backups)


def test_solution_before_a_pass_asks_and_after_a_pass_opens_side_by_side(
        make_app, mini_workspace, ui):
    async def scenario() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=SIZE) as pilot:
            await open_first_lesson(app, pilot, ui)
            await pilot.press("s")
            text = await ui.shows(pilot, "has not passed yet")
            assert "See the reference solution anyway?" in text
            await pilot.press("escape")
            await ui.until(pilot, lambda: isinstance(app.screen, LessonScreen))
            path = scale_file(mini_workspace)
            path.write_text(solve(path.read_text()))
            await pilot.press("r")
            await ui.shows(pilot, "First pass!")
            await pilot.press("s")
            await ui.until(pilot, lambda: isinstance(app.screen, SolutionScreen), what="solution")
            text = await ui.shows(pilot, "Reference solution")
            assert "Your file" in text and "return x * factor" in text
            await pilot.press("escape")
            await ui.until(pilot, lambda: isinstance(app.screen, LessonScreen))

    asyncio.run(scenario())


def test_help_lists_the_keys_and_the_palette_has_every_action(make_app, mini_workspace, ui):
    async def scenario() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_first_lesson(app, pilot, ui)
            footer = ui.text(app).rstrip().splitlines()[-1]
            for key in ("Edit", "Check", "Hint", "Solution", "Back", "Help", "Quit"):
                assert key in footer
            await pilot.press("question_mark")
            await ui.until(pilot, lambda: isinstance(app.screen, HelpScreen), what="help")
            text = await ui.shows(pilot, "torch-tutor · keys")
            assert "Course map" in text and "Lesson" in text
            help_source = app.screen.help_markdown()
            for binding in LessonScreen.BINDINGS:
                assert binding.description in help_source, binding.description
            assert "Save the file (and check it)" in help_source
            await pilot.press("escape")
            await ui.until(pilot, lambda: app.screen is screen)
            titles = [command.title for command in app.get_system_commands(screen)]
            for binding in LessonScreen.BINDINGS:
                if binding.action in ("help", "quit"):  # the app's own entries
                    continue
                assert any(title.startswith(f"{binding.description}:") for title in titles), \
                    binding.description
            assert "Continue where you left off" in titles
            assert any(title.startswith("Open lesson 02") for title in titles)

    asyncio.run(scenario())


def test_progress_survives_a_restart(make_app, mini_workspace, ui):
    async def first_visit() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=SIZE) as pilot:
            await open_first_lesson(app, pilot, ui)
            path = scale_file(mini_workspace)
            path.write_text(solve(path.read_text()))
            await pilot.press("r")
            await ui.shows(pilot, "First pass!")

    async def second_visit() -> None:
        app = make_app(Workspace.open(mini_workspace.root))
        async with app.run_test(size=SIZE) as pilot:
            text = await ui.shows(pilot, "1/2")
            assert "Basics: scaling and adding" in text

    asyncio.run(first_visit())
    asyncio.run(second_visit())


def test_a_corrupt_state_file_is_recovered_and_the_learner_told(make_app, mini_workspace, ui):
    path = scale_file(mini_workspace)
    path.write_text(solve(path.read_text()))
    state = mini_workspace.root / ".tutor" / "state.json"
    state.write_text('{"format": 1, "exercises": {"lesson01/scale": ')  # torn write

    async def scenario() -> None:
        app = make_app(Workspace.open(mini_workspace.root))
        async with app.run_test(size=SIZE) as pilot:
            await ui.until(pilot, lambda: isinstance(app.screen, CourseMapScreen))
            message = await ui.notified(pilot, "state.json")
            assert "backup" in message.lower() or "kept" in message.lower(), message

    asyncio.run(scenario())
    assert SOLVED_LINE in path.read_text()  # the learner's code is untouched
    kept = list((mini_workspace.root / ".tutor").rglob("state*.json*"))
    assert any('"lesson01/scale": ' in p.read_text() for p in kept if p != state)
