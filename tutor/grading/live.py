"""Live grading: re-grade an exercise on every save, the newest save wins.

One engine for the app and ``tutor watch``. Each request gets a run id and
cancels the run in flight (the grader kills it; its results are dropped).
Saves of content already sent to the grader can be skipped (the built-in
editor grades on save and the file watcher then reports the same save). A
grader exception becomes an ``error`` verdict that says so, never a dead
thread: ``tutor watch`` and the app keep grading the next save.

Two ways to drive it: :meth:`LiveGrader.begin` + :meth:`LiveGrader.run` (the
app runs each run in a Textual thread worker), or :meth:`LiveGrader.request`
(the engine's own thread runs them, for ``tutor watch``). Listener callbacks
run on the grading thread.
"""

from __future__ import annotations

import hashlib
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from tutor.course import Exercise
from tutor.grading.grader import Grader
from tutor.grading.request import GradeOptions, build_request
from tutor.grading.results import CheckResult, ExerciseResult
from tutor.grading.status import Status


def file_digest(path: Path) -> str:
    """Content hash; "" for a missing file."""
    try:
        return hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        return ""


@dataclass
class LiveRun:
    """One grading run of one save."""

    run_id: int
    exercise: Exercise
    path: Path
    cancel: threading.Event = field(default_factory=threading.Event)


class LiveListener(Protocol):
    def on_check(self, run: LiveRun, check: CheckResult) -> None:
        """A check of a run that is still current finished."""

    def on_result(self, run: LiveRun, result: ExerciseResult) -> None:
        """A run ended (``result.cancelled`` when a newer save overtook it)."""


class LiveGrader:
    """Owns a grader for live use: run ids, newest wins, content dedupe, exception guard."""

    def __init__(self, grader: Grader, options: GradeOptions | None = None) -> None:
        self.grader = grader
        self.options = options or GradeOptions()
        self.current: LiveRun | None = None
        self._last_id = 0
        self._graded: dict[Path, str] = {}
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._queued: tuple[LiveRun, LiveListener] | None = None
        self._thread: threading.Thread | None = None
        self._stopped = False

    # the run bookkeeping both front ends share -----------------------------------

    def is_current(self, run_id: int) -> bool:
        current = self.current
        return current is not None and current.run_id == run_id

    def already_graded(self, path: Path) -> bool:
        """True when ``path`` holds exactly what was last sent to the grader."""
        known = self._graded.get(path.resolve())
        return known is not None and known == file_digest(path)

    def begin(self, exercise: Exercise, path: Path) -> LiveRun:
        """Register a new run (cancelling the one in flight) and return it."""
        with self._lock:
            if self.current is not None:
                self.current.cancel.set()
            self._last_id += 1
            self.current = LiveRun(self._last_id, exercise, path)
            self._graded[path.resolve()] = file_digest(path)
            return self.current

    def cancel(self) -> None:
        with self._lock:
            if self.current is not None:
                self.current.cancel.set()

    def run(self, job: LiveRun, listener: LiveListener) -> ExerciseResult:
        """Grade ``job`` (blocking) and report its checks and verdict to ``listener``."""
        request = build_request(job.exercise, job.path, self.options)

        def on_check(check: CheckResult) -> None:
            if not job.cancel.is_set():
                listener.on_check(job, check)

        try:
            result = self.grader.grade(request, on_check=on_check, cancel=job.cancel)
        except Exception as error:  # noqa: BLE001 - a grader bug must reach the learner
            result = _grader_exception(job, error)
        if job.cancel.is_set():
            result.cancelled = True
        listener.on_result(job, result)
        return result

    # the engine's own thread (tutor watch) ----------------------------------------

    def request(self, exercise: Exercise, path: Path, listener: LiveListener,
                only_if_changed: bool = False) -> LiveRun | None:
        """Grade ``path`` soon on the engine's thread; None when skipped as unchanged."""
        if only_if_changed and self.already_graded(path):
            return None
        job = self.begin(exercise, path)
        with self._wake:
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, daemon=True,
                                                name="tutor-live")
                self._thread.start()
            self._queued = (job, listener)
            self._wake.notify()
        return job

    def stop(self) -> None:
        """Cancel the run in flight and end the engine's thread."""
        with self._wake:
            self._stopped = True
            if self.current is not None:
                self.current.cancel.set()
            self._wake.notify()
            thread = self._thread
        if thread is not None:
            thread.join(timeout=5)

    def _loop(self) -> None:
        while True:
            with self._wake:
                while self._queued is None and not self._stopped:
                    self._wake.wait()
                if self._stopped:
                    return
                assert self._queued is not None
                (job, listener), self._queued = self._queued, None
            if job.cancel.is_set():
                continue
            try:
                self.run(job, listener)
            except Exception:  # noqa: BLE001 - a listener bug must not end live grading
                traceback.print_exc()


def _grader_exception(job: LiveRun, error: Exception) -> ExerciseResult:
    exercise_id = job.exercise.qualified_id
    check = CheckResult(f"{exercise_id}::grader", "the grader itself", Status.ERROR,
                        f"the grader failed: {type(error).__name__}: {error}. This is a tutor "
                        "bug, not your code; save again (or press r) to retry.")
    return ExerciseResult(exercise_id, job.exercise.title, [check], target=str(job.path),
                          grader_failed=True)
