"""Course map: lessons with progress, the next exercise marked, Enter and c."""

from __future__ import annotations

import asyncio

from tutor.ui.screens.course_map import CourseMapScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.widgets.exercise_list import ExerciseList
from tutor.ui.widgets.lesson_list import LessonList

SIZE = (120, 36)


def test_first_frame_lists_every_lesson_with_progress(make_app, builtin_workspace, ui):
    pack = builtin_workspace.pack

    async def scenario() -> None:
        app = make_app(builtin_workspace)
        async with app.run_test(size=SIZE) as pilot:
            await ui.until(pilot, lambda: isinstance(app.screen, CourseMapScreen)
                           and app.screen.query(LessonList), what="the course map's rows")
            rows = app.screen.query_one(LessonList).rows
            assert [row.lesson.id for row in rows] == [lesson.id for lesson in pack.lessons]
            screen = ui.text(app)
            first = pack.lessons[0]
            assert first.title[:30] in screen
            assert f"0/{len(first.exercises)}" in screen
            assert f"0/{len(pack.exercises())} exercises passed" in screen
            assert "Open lesson" in screen and "Continue" in screen  # the footer

    asyncio.run(scenario())


def test_next_exercise_is_highlighted_and_progress_counts_passes(make_app, mini_workspace, ui):
    # Pass every exercise of lesson 1: lesson 2 holds the next exercise.
    for exercise in mini_workspace.pack.lessons[0].exercises:
        mini_workspace.record(exercise.qualified_id, "passed")

    async def scenario() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=SIZE) as pilot:
            await ui.until(pilot, lambda: isinstance(app.screen, CourseMapScreen)
                           and app.screen.query(LessonList), what="the course map")
            lessons = app.screen.query_one(LessonList)
            rows = {row.lesson.id: row for row in lessons.rows}
            assert len(rows) == 2
            assert rows["lesson02"].is_next and not rows["lesson01"].is_next
            assert rows["lesson01"].passed == 2
            assert lessons.highlighted_row is rows["lesson02"]
            screen = ui.text(app)
            assert "2/3 exercises passed · next: lesson02/total — Sum everything" in screen
            assert "✓" in screen  # lesson 1 is complete

    asyncio.run(scenario())


def test_enter_opens_the_highlighted_lesson(make_app, mini_workspace, ui):
    async def scenario() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("down", "enter")
            await ui.until(pilot, lambda: isinstance(app.screen, LessonScreen))
            assert app.screen.lesson.id == "lesson02"
            assert "Lesson 02 · More: sums" in ui.text(app)
            await pilot.press("escape")
            await ui.until(pilot, lambda: isinstance(app.screen, CourseMapScreen))

    asyncio.run(scenario())


def test_c_continues_where_the_learner_left_off(make_app, mini_workspace, ui):
    mini_workspace.record("lesson01/scale", "passed")
    mini_workspace.record("lesson01/add_one", "failed")  # the last one worked on

    async def scenario() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("c")
            await ui.until(pilot, lambda: isinstance(app.screen, LessonScreen),
                           what="the lesson screen")
            assert app.screen.query_one(ExerciseList).exercise.id == "add_one"

    asyncio.run(scenario())


def test_c_after_a_pass_goes_to_the_next_unfinished_exercise(make_app, mini_workspace, ui):
    mini_workspace.record("lesson01/scale", "passed")
    mini_workspace.record("lesson01/add_one", "passed")

    async def scenario() -> None:
        app = make_app(mini_workspace)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("c")
            await ui.until(pilot, lambda: isinstance(app.screen, LessonScreen),
                           what="the lesson screen")
            assert app.screen.lesson.id == "lesson02"
            assert app.screen.current.id == "total"

    asyncio.run(scenario())
