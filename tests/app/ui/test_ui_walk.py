"""The learner's walk (issue 18): reading place, keys where the focus is, narrow layout,
hints as code, the check detail, wording. Run at 80x24 and 120x36."""

from __future__ import annotations

import asyncio

import pytest

from tutor.grading.results import CheckResult
from tutor.ui.reading import reading_place
from tutor.ui.screens.hint import hint_code
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.traceback_view import learner_frames_text
from tutor.ui.widgets.code_block import break_points
from tutor.ui.widgets.lesson_text import LessonText
from tutor.ui.widgets.results_panel import failures_first

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


async def _lesson(pilot, ui) -> LessonScreen:
    await pilot.press("enter")
    await ui.until(pilot, lambda: isinstance(pilot.app.screen, LessonScreen), what="lesson")
    screen = pilot.app.screen
    await ui.until(pilot, lambda: screen._place_restored, what="reading place")
    return screen


@pytest.mark.parametrize("size", SIZES)
def test_lesson_opens_at_title_then_where_left_off(size, mini_workspace, make_app, ui):
    async def run() -> None:
        async with make_app(mini_workspace).run_test(size=size) as pilot:
            screen = await _lesson(pilot, ui)
            text = screen.query_one(LessonText)
            assert text.has_focus and text.scroll_y == 0
            await pilot.press("pagedown", "j")
            await ui.until(pilot, lambda: text.scroll_y > 0, what="scrolled")
            await pilot.press("escape")
            await ui.until(pilot, lambda: not isinstance(pilot.app.screen, LessonScreen))
        place = reading_place(mini_workspace.root, "lesson01")
        assert place > 0
        async with make_app(mini_workspace).run_test(size=size) as pilot:
            screen = await _lesson(pilot, ui)
            await ui.until(pilot, lambda: screen.query_one(LessonText).scroll_y > 0,
                           what="restored place")
            assert screen.query_one(LessonText).top_block() == place

    asyncio.run(run())


@pytest.mark.parametrize("size", SIZES)
def test_pass_banner_names_keys_that_work_where_focus_is(size, mini_workspace, make_app, ui):
    async def run() -> None:
        async with make_app(mini_workspace).run_test(size=size) as pilot:
            screen = await _lesson(pilot, ui)
            await pilot.press("e")
            await ui.until(pilot, lambda: screen.editing and screen.editor.code.has_focus)
            await ui.until(pilot, lambda: screen.query_one("#task").display,
                           what="the tasks beside the editor")
            assert not screen.query_one("#exercises").display
            screen.editor.code.text = (mini_workspace.pack.exercises()[0].solution_path
                                       .read_text())
            await pilot.press("ctrl+s")
            await ui.shows(pilot, "esc (done editing), then n")
            await pilot.press("escape")
            await ui.until(pilot, lambda: not screen.editor.code.has_focus)
            await ui.until(pilot, lambda: "esc (done editing)" not in ui.text(pilot.app))
            assert "n → next" in ui.text(pilot.app)
            await pilot.press("n")  # works now: the next exercise, nothing typed
            await ui.until(pilot, lambda: screen.current != mini_workspace.pack.exercises()[0])
            assert "n" not in screen.editor.code.text.splitlines()[-1:]

    asyncio.run(run())


@pytest.mark.parametrize("size", SIZES)
def test_footer_keeps_esc_help_quit(size, mini_workspace, make_app, ui):
    async def run() -> None:
        async with make_app(mini_workspace).run_test(size=size) as pilot:
            await _lesson(pilot, ui)

            def footer_line() -> str:
                return ui.text(pilot.app).rstrip("\n").splitlines()[-1]

            await ui.until(pilot, lambda: "Quit" in footer_line(), what="footer")
            footer = footer_line()
            for key in ("esc Back", "? Help", "q Quit", "Open in your editor"):
                assert key in footer, footer
            assert "$EDITOR" not in footer

    asyncio.run(run())


@pytest.mark.parametrize("size", SIZES)
def test_help_says_how_to_close_and_lists_only_its_keys(size, mini_workspace, make_app, ui):
    async def run() -> None:
        async with make_app(mini_workspace).run_test(size=size) as pilot:
            await _lesson(pilot, ui)
            await pilot.press("question_mark")
            await ui.shows(pilot, "esc closes")
            await ui.until(pilot, lambda: "Close help" in ui.text(pilot.app).rstrip("\n")
                           .splitlines()[-1], what="help footer")
            footer = ui.text(pilot.app).rstrip("\n").splitlines()[-1]
            assert "Close help" in footer and "Edit" not in footer

    asyncio.run(run())


def test_last_verdict_counts_times_checked(mini_workspace, make_app, ui):
    mini_workspace.record("lesson01/scale", "failed")
    mini_workspace.record("lesson01/scale", "failed")

    async def run() -> None:
        async with make_app(mini_workspace).run_test(size=(120, 36)) as pilot:
            await _lesson(pilot, ui)
            text = await ui.shows(pilot, "Last verdict")
            assert "checked 2 times" in text and "2 checks" not in text

    asyncio.run(run())


def test_solution_prompt_after_every_hint(mini_workspace, make_app, ui):
    exercise = mini_workspace.pack.exercises()[0]
    for _ in exercise.hints:
        mini_workspace.reveal_hint(exercise)

    async def run() -> None:
        async with make_app(mini_workspace).run_test(size=(80, 24)) as pilot:
            await _lesson(pilot, ui)
            await pilot.press("s")
            text = await ui.shows(pilot, "You have seen every")
            assert "get you there" not in text

    asyncio.run(run())


def test_hint_code_is_recognised():
    assert hint_code("return torch.arange(rows * cols).reshape(rows, cols)")
    assert hint_code("if not x.is_floating_point():\n    x = x.float()\nreturn x.mean()")
    assert hint_code("```python\nx = 1\n```") == "x = 1"
    assert hint_code("Build the numbers in one call, then give them a 2-D shape.") is None
    assert hint_code("Use `keepdim=True`.") is None
    assert hint_code("Reshape") is None


def test_code_lines_wrap_at_a_space_with_a_marker():
    line = "print(torch.arange(6).reshape(2, 3))       # 0..5 laid out row by row"
    points = break_points(line, 40, 2)
    assert points and line[points[0] - 1] == " "
    pieces = [b - a for a, b in zip([0, *points], [*points, len(line)], strict=True)]
    assert pieces[0] <= 40 and all(piece <= 38 for piece in pieces[1:])  # room for "↪ "


def test_failures_come_first():
    checks = [CheckResult("a", "a", "passed"), CheckResult("b", "b", "skipped"),
              CheckResult("c", "c", "failed", "wrong")]
    assert [c.id for c in failures_first(checks)] == ["c", "a", "b"]


def test_detail_picks_the_learners_frames():
    details = (
        "    def _call(exercise, x):\n>           return average(x), call\n\n"
        "/pkg/tests/checks/lesson01_tensors/test_average.py:31: \n"
        "_ _ _ _ _ _ _ _\n\n    def average(x):\n        \"\"\"Doc.\"\"\"\n"
        "        # TODO: convert\n>       return x.mean()\n"
        "E       RuntimeError: mean(): could not infer output dtype\n\n"
        "ws/exercises/lesson01_tensors/average.py:27: RuntimeError\n")
    mine = learner_frames_text(details, "/ws/exercises/lesson01_tensors/average.py")
    assert mine.startswith("average.py, line 27:")
    assert ">       return x.mean()" in mine and "RuntimeError" in mine
    assert "_call" not in mine and "Doc." not in mine


@pytest.mark.parametrize("size", SIZES)
def test_sidebar_moves_below_the_text_when_narrow(size, mini_workspace, make_app, ui):
    async def run() -> None:
        async with make_app(mini_workspace).run_test(size=size) as pilot:
            screen = await _lesson(pilot, ui)
            left, sidebar = screen.query_one("#left").region, screen.query_one("#sidebar").region
            if size[0] < 100:
                assert sidebar.y >= left.bottom and left.width == size[0]
            else:
                assert sidebar.x >= left.right and sidebar.y == left.y

    asyncio.run(run())


@pytest.mark.parametrize("size", SIZES)
def test_prompts_while_typing_name_keys_that_work_there(size, mini_workspace, make_app, ui):
    async def run() -> None:
        async with make_app(mini_workspace).run_test(size=size) as pilot:
            screen = await _lesson(pilot, ui)

            def status() -> str:
                return str(screen.query_one("#results-status").content)

            def hints() -> str:
                return str(screen.query_one("#hint-status").content)

            assert "Press r to check now" in status() and hints().endswith("(h)")
            await pilot.press("e")
            await ui.until(pilot, lambda: screen.has_class("-typing"), what="typing")
            await ui.until(pilot, lambda: "ctrl+s saves and checks" in status())
            assert "press r" not in status().lower() and hints().endswith("(esc, then h)")
            await pilot.press("escape")
            await ui.until(pilot, lambda: "Press r to check now" in status())
            assert hints().endswith("(h)")

    asyncio.run(run())


def test_editor_scrolls_back_to_the_left_edge_after_leaving(mini_workspace, make_app, ui):
    async def run() -> None:
        async with make_app(mini_workspace).run_test(size=(80, 24)) as pilot:
            screen = await _lesson(pilot, ui)
            await pilot.press("e")
            await ui.until(pilot, lambda: screen.editing and screen.editor.code.has_focus)
            code = screen.editor.code
            code.insert("# " + "x" * 200)
            code.scroll_to(x=60, animate=False)  # as the cursor at the end of it would
            await ui.until(pilot, lambda: code.scroll_x > 0, what="scrolled sideways")
            await pilot.press("escape")
            await ui.until(pilot, lambda: code.scroll_x == 0, what="back at the left edge")

    asyncio.run(run())
