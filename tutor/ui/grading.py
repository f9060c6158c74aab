"""The app's side of live grading: the engine's reports become Textual messages.

The engine (:class:`tutor.grading.live.LiveGrader`) owns run ids, newest-wins,
dedupe and the exception guard; each run blocks in a Textual thread worker and
reports through ``post`` (the app's thread-safe ``post_message``).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message

from tutor.grading.live import LiveRun
from tutor.grading.results import CheckResult, ExerciseResult
from tutor.ui.messages import CheckReported, GradeFinished

Post = Callable[[Message], object]


class PostingListener:
    """A :class:`tutor.grading.live.LiveListener` that posts messages to the app."""

    def __init__(self, post: Post) -> None:
        self.post = post

    def on_check(self, run: LiveRun, check: CheckResult) -> None:
        self.post(CheckReported(run.run_id, run.exercise, check))

    def on_result(self, run: LiveRun, result: ExerciseResult) -> None:
        self.post(GradeFinished(run.run_id, run.exercise, result))
