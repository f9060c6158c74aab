"""Messages posted to the app from background threads (grading, watching).

``post_message`` is thread-safe (``call_from_thread`` is not needed and can
block a thread forever once the app has closed), so workers report this way.
"""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from tutor.course import Exercise, Lesson
from tutor.grading.results import CheckResult, ExerciseResult


class CheckReported(Message):
    """One check of a running exercise finished."""

    def __init__(self, run_id: int, exercise: Exercise, check: CheckResult) -> None:
        super().__init__()
        self.run_id = run_id
        self.exercise = exercise
        self.check = check


class GradeFinished(Message):
    """A grading run ended (``result.cancelled`` when a newer save overtook it)."""

    def __init__(self, run_id: int, exercise: Exercise, result: ExerciseResult) -> None:
        super().__init__()
        self.run_id = run_id
        self.exercise = exercise
        self.result = result


class FilesChanged(Message):
    """The watcher saw ``.py`` files change under the workspace's exercises/."""

    def __init__(self, paths: set[Path]) -> None:
        super().__init__()
        self.paths = paths


class WatcherFellBack(Message):
    """File events stopped working; the watcher polls instead (or gave up)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class LessonChosen(Message):
    """The learner picked a lesson (and maybe an exercise in it) to open."""

    def __init__(self, lesson: Lesson, exercise: Exercise | None = None) -> None:
        super().__init__()
        self.lesson = lesson
        self.exercise = exercise


class CheckRequested(Message):
    """Grade this exercise's file now (a save, ``r``, or the return from $EDITOR)."""

    def __init__(self, exercise: Exercise, only_if_changed: bool = False) -> None:
        super().__init__()
        self.exercise = exercise
        self.only_if_changed = only_if_changed
        """Skip it when the file holds what was last graded (the watcher's echo of a save)."""
