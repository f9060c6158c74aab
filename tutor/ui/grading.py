"""The app's side of grading: one run at a time, the newest request wins.

The blocking part (:meth:`GradeSession.run`) runs in a Textual thread worker;
it reports through ``post`` (the app's thread-safe ``post_message``). A newer
request sets the previous run's cancel event, so the grader kills that run and
its results are dropped by run id.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from textual.message import Message

from tutor.course import Exercise
from tutor.grading.batch import GradeOptions, build_request
from tutor.grading.grader import Grader
from tutor.grading.results import CheckResult, ExerciseResult
from tutor.ui.messages import CheckReported, GradeFinished

Post = Callable[[Message], object]


def file_digest(path: Path) -> str:
    """Content hash; "" for a missing file. Saves of identical content are not re-graded."""
    try:
        return hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        return ""


@dataclass
class GradeJob:
    run_id: int
    exercise: Exercise
    path: Path
    cancel: threading.Event = field(default_factory=threading.Event)


class GradeSession:
    """Owns the grader for the app: starts runs, cancels overtaken ones, dedupes saves."""

    def __init__(self, grader: Grader, options: GradeOptions | None = None) -> None:
        self.grader = grader
        self.options = options or GradeOptions()
        self.threads = max(1, os.cpu_count() or 1)
        self.current: GradeJob | None = None
        self._last_id = 0
        self._graded: dict[Path, str] = {}
        self._lock = threading.Lock()

    def is_current(self, run_id: int) -> bool:
        return self.current is not None and self.current.run_id == run_id

    def already_graded(self, path: Path) -> bool:
        """True when ``path`` holds exactly what was last sent to the grader.

        The built-in editor grades on save and the watcher then reports the
        same save; $EDITOR's return and the watcher race the same way.
        """
        known = self._graded.get(path.resolve())
        return known is not None and known == file_digest(path)

    def begin(self, exercise: Exercise, path: Path) -> GradeJob:
        """Register a new run (cancelling the one in flight) and return it."""
        with self._lock:
            if self.current is not None:
                self.current.cancel.set()
            self._last_id += 1
            self.current = GradeJob(self._last_id, exercise, path)
            self._graded[path.resolve()] = file_digest(path)
            return self.current

    def cancel(self) -> None:
        with self._lock:
            if self.current is not None:
                self.current.cancel.set()

    def run(self, job: GradeJob, post: Post) -> None:
        """Grade ``job`` (blocking) and post its checks and verdict."""
        request = build_request(job.exercise, job.path, self.options, self.threads)

        def on_check(check: CheckResult) -> None:
            if not job.cancel.is_set():
                post(CheckReported(job.run_id, job.exercise, check))

        try:
            result = self.grader.grade(request, on_check=on_check, cancel=job.cancel)
        except Exception as error:  # noqa: BLE001 - a grader bug must reach the learner, not kill the app
            result = ExerciseResult(job.exercise.qualified_id, job.exercise.title, [
                CheckResult(f"{job.exercise.qualified_id}::grader", "the grader itself",
                            "error", f"the grader failed: {type(error).__name__}: {error}. "
                            "This is a tutor bug, not your code; press r to retry.")],
                target=str(job.path))
        if job.cancel.is_set():
            result.cancelled = True
        post(GradeFinished(job.run_id, job.exercise, result))
