"""Live grading: re-grade an exercise whenever asked, newest request wins.

Used by ``tutor watch`` and the app. A request for an exercise cancels the run
in flight (its results are dropped) and starts a new one. Callbacks run on the
checker's thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tutor.course import Exercise
from tutor.grading.batch import GradeOptions, build_request
from tutor.grading.grader import Grader
from tutor.grading.results import CheckResult, ExerciseResult


@dataclass
class LiveCallbacks:
    on_start: Callable[[Exercise], None] = lambda exercise: None
    on_check: Callable[[Exercise, CheckResult], None] = lambda exercise, check: None
    on_result: Callable[[Exercise, ExerciseResult], None] = lambda exercise, result: None


@dataclass
class _Pending:
    exercise: Exercise
    target: Path
    cancel: threading.Event = field(default_factory=threading.Event)


class LiveChecker:
    def __init__(self, grader: Grader, options: GradeOptions, callbacks: LiveCallbacks,
                 threads: int = 0) -> None:
        import os

        self.grader = grader
        self.options = options
        self.callbacks = callbacks
        self.threads = threads or max(1, os.cpu_count() or 1)
        self._lock = threading.Condition()
        self._next: _Pending | None = None
        self._current: _Pending | None = None
        self._stopped = False
        self._thread = threading.Thread(target=self._loop, daemon=True, name="tutor-live")
        self._thread.start()

    def request(self, exercise: Exercise, target: Path) -> None:
        """Grade ``target`` as ``exercise`` soon; cancels the run in flight."""
        with self._lock:
            if self._current is not None:
                self._current.cancel.set()
            self._next = _Pending(exercise, target)
            self._lock.notify()

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._current is not None:
                self._current.cancel.set()
            self._lock.notify()
        self._thread.join(timeout=5)

    def _loop(self) -> None:
        while True:
            with self._lock:
                while self._next is None and not self._stopped:
                    self._lock.wait()
                if self._stopped:
                    return
                job, self._next = self._next, None
                self._current = job
            assert job is not None
            self._grade(job)
            with self._lock:
                self._current = None

    def _grade(self, job: _Pending) -> None:
        self.callbacks.on_start(job.exercise)
        request = build_request(job.exercise, job.target, self.options, self.threads)

        def on_check(check: CheckResult) -> None:
            if not job.cancel.is_set():
                self.callbacks.on_check(job.exercise, check)

        result = self.grader.grade(request, on_check=on_check, cancel=job.cancel)
        if not job.cancel.is_set() and not result.cancelled:
            self.callbacks.on_result(job.exercise, result)
