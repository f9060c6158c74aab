"""Progress figures the screens show, computed from the workspace state (no Textual)."""

from __future__ import annotations

from tutor.course import Exercise, Lesson
from tutor.workspace import Workspace


def lesson_progress(workspace: Workspace, lesson: Lesson) -> tuple[int, int]:
    """(exercises passed, exercises in the lesson)."""
    passed = sum(workspace.status_of(ex) == "passed" for ex in lesson.exercises)
    return passed, len(lesson.exercises)


def course_progress(workspace: Workspace) -> tuple[int, int]:
    """(exercises passed, exercises in the course)."""
    exercises = workspace.pack.exercises()
    return sum(workspace.status_of(ex) == "passed" for ex in exercises), len(exercises)


def continue_target(workspace: Workspace) -> Exercise:
    """Where ``c`` takes the learner: the exercise they last worked on, unless it passed.

    After a pass the next unfinished exercise is more useful than the one just
    done; when everything passed, the last exercise worked on (or the first).
    """
    pack = workspace.pack
    last = pack.exercise(workspace.state.last_exercise or "")
    if last is not None and workspace.status_of(last) != "passed":
        return last
    return workspace.next_exercise() or last or pack.exercises()[0]


def lesson_of(workspace: Workspace, exercise: Exercise) -> Lesson:
    lesson = workspace.pack.lesson(exercise.lesson_id)
    assert lesson is not None, f"{exercise.qualified_id} belongs to no lesson of its pack"
    return lesson


def lesson_number(workspace: Workspace, lesson: Lesson) -> int:
    """1-based position in the course (lesson ids need not be numbered)."""
    return workspace.pack.lessons.index(lesson) + 1
