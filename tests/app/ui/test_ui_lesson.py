"""Lesson screen: Markdown text, exercise list, results panel, hints, check detail."""

from __future__ import annotations

import asyncio

from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock

from tutor.ui.screens.hint import HintScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.result_detail import ResultDetailScreen
from tutor.ui.widgets.exercise_list import ExerciseItem
from tutor.ui.widgets.results_panel import CheckRow

SIZE = (120, 36)


async def open_first_lesson(app, pilot, ui) -> LessonScreen:
    await pilot.press("enter")
    await ui.until(pilot, lambda: isinstance(app.screen, LessonScreen)
                   and app.screen.current is not None, what="lesson screen")
    return app.screen


def test_lesson_text_is_rendered_markdown(make_app, mini_workspace, ui):
    async def scenario() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_first_lesson(app, pilot, ui)
            blocks = {type(block).__name__ for block in screen.query(MarkdownBlock)}
            assert {"MarkdownH1", "MarkdownH2", "WrappedFence", "MarkdownTable"} <= blocks
            text = ui.text(app)
            assert "Basics: scaling and adding" in text
            assert "print(x * 3)" in text  # the code block
            assert "scale every element" in text  # a table cell
            assert "Lesson 01 · Basics: scaling and adding" in text

    asyncio.run(scenario())


def test_missing_lesson_text_is_said_not_crashed(make_app, mini_workspace, ui):
    (mini_workspace.pack.root / "lessons" / "lesson02_more.md").unlink()

    async def scenario() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("down", "enter")
            await ui.until(pilot, lambda: isinstance(app.screen, LessonScreen))
            await ui.shows(pilot, "The text of this lesson is not available")

    asyncio.run(scenario())


def test_exercise_list_shows_status_marks(make_app, mini_workspace, ui):
    mini_workspace.record("lesson01/scale", "passed")
    mini_workspace.record("lesson01/add_one", "failed")

    async def scenario() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_first_lesson(app, pilot, ui)
            items = {item.exercise.id: item for item in screen.query(ExerciseItem)}
            assert items["scale"].has_class("-passed")
            text = ui.text(app)
            assert "✓ 1. Scale a tensor" in text
            assert "✗ 2. Add one" in text
            assert "1/2 exercises passed in this lesson" in text

    asyncio.run(scenario())


def test_results_panel_before_any_check_says_how_to_check(make_app, mini_workspace, ui):
    async def scenario() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=SIZE) as pilot:
            await open_first_lesson(app, pilot, ui)
            await ui.shows(pilot, "Not checked yet")
            assert "Press r to check now" in ui.text(app).replace("\n", " ") or \
                "r to check" in ui.text(app)

    asyncio.run(scenario())


def test_hints_are_hidden_until_asked_and_each_press_reveals_one_more(make_app,
                                                                        mini_workspace, ui):
    async def scenario() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=SIZE) as pilot:
            await open_first_lesson(app, pilot, ui)
            assert "Multiply by the factor" not in ui.text(app)
            await pilot.press("h")
            await ui.until(pilot, lambda: isinstance(app.screen, HintScreen))
            text = await ui.shows(pilot, "Hint 1 of 3")
            assert "Multiply by the factor" in text and "Hint 2 of 3" not in text
            await pilot.press("h")
            text = await ui.shows(pilot, "Hint 2 of 3")
            assert "broadcasts" in text
            await pilot.press("escape")
            await ui.until(pilot, lambda: isinstance(app.screen, LessonScreen))
            await ui.shows(pilot, "hints seen 2/3")
        progress = mini_workspace.state.progress("lesson01/scale")
        assert progress.hint_level == 2

    asyncio.run(scenario())
    # Persisted: a fresh load of the state file remembers the level.
    from tutor.workspace import Workspace

    assert Workspace.open(mini_workspace.root).state.progress("lesson01/scale").hint_level == 2


def test_last_hint_says_the_solution_is_next(make_app, mini_workspace, ui):
    async def scenario() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=SIZE) as pilot:
            await open_first_lesson(app, pilot, ui)
            await pilot.press("tab", "down", "h")  # add_one has a single hint
            text = await ui.shows(pilot, "Hint 1 of 1")
            assert "That was the last hint" in text

    asyncio.run(scenario())


def test_checks_show_one_row_each_and_enter_shows_the_detail(make_app, mini_workspace, ui):
    path = mini_workspace.exercise_path(mini_workspace.pack.exercise("lesson01/scale"))
    path.write_text("def scale(x, factor):\n    return x  # FAIL\n")

    async def scenario() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_first_lesson(app, pilot, ui)
            await pilot.press("r")
            text = await ui.shows(pilot, "failed · 2/3 checks passed")
            rows = list(screen.query(CheckRow))
            assert [row.check.status for row in rows] == ["failed", "passed", "passed",
                                                          "skipped"]
            assert "returned shape (4, 1); expected (4,)." in text
            assert "Hint: drop keepdim=True." in text
            # Select the failed row and open its detail.
            screen.query_one("#checks").focus()
            await pilot.press("enter")
            await ui.until(pilot, lambda: isinstance(app.screen, ResultDetailScreen))
            assert app.screen.check.status == "failed"
            text = await ui.shows(pilot, "Check detail")
            assert "a worked example" in text and "failed" in text
            await pilot.press("escape")
            await ui.until(pilot, lambda: isinstance(app.screen, LessonScreen))

    asyncio.run(scenario())


def test_skipped_gpu_checks_say_why(make_app, mini_workspace, ui):
    async def scenario() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=(180, 36)) as pilot:  # wide: the reason fits one line
            await open_first_lesson(app, pilot, ui)
            await pilot.press("r")
            text = await ui.shows(pilot, "matches the CPU on a GPU")
            assert "skipped: needs a CUDA GPU: no CUDA device visible" in text
            assert "not started" in text

    asyncio.run(scenario())


def test_selecting_an_exercise_scrolls_the_text_to_its_section(make_app, mini_workspace, ui):
    async def scenario() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=(120, 20)) as pilot:
            screen = await open_first_lesson(app, pilot, ui)
            await pilot.press("tab")  # from the text (focused first) to the exercise list
            await ui.until(pilot, lambda: screen.query_one("#exercises").has_focus)
            await pilot.press("down")
            await ui.until(pilot, lambda: screen.current.id == "add_one", what="add_one")
            text = screen.query_one("#lesson-text")
            await ui.until(pilot, lambda: text.scroll_y > 0, what="the text scrolled")
            assert "Exercise 2 — Add one" in ui.text(app)
            assert "## Exercise 2 — Add one" in screen.query_one(Markdown).source

    asyncio.run(scenario())


def test_a_multi_line_hint_keeps_its_lines_as_code():
    from tutor.ui.screens.hint import hint_code

    code = "mean = X.mean(dim=1, keepdim=True)\nreturn X - mean"
    assert hint_code(code) == code
    assert hint_code("Use `keepdim=True`.") is None
    assert hint_code("Like this:\n```python\nreturn x\n```") is None  # prose with code
