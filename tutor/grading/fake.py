"""A Grader with canned behaviour, for UI tests: no torch, no processes, instant.

It "passes" a file whose source contains no ``NotImplementedError`` and no
``FAIL`` marker, marks a stub as not started, and fails otherwise, so a UI
test can drive the whole save → verdict flow by writing real files.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from tutor.grading.grader import OnCheck
from tutor.grading.request import GradeRequest
from tutor.grading.results import CheckResult, ExerciseResult
from tutor.grading.status import Status


class FakeGrader:
    mode = "fake"

    def __init__(self, delay_s: float = 0.0) -> None:
        self.delay_s = delay_s
        self.requests: list[GradeRequest] = []
        self.closed = False

    def prewarm(self) -> None:
        return None

    def grade(self, request: GradeRequest, on_check: OnCheck | None = None,
              cancel: threading.Event | None = None) -> ExerciseResult:
        self.requests.append(request)
        started = time.monotonic()
        try:
            source = Path(request.target_path).read_text(encoding="utf-8")
        except OSError:
            source = ""
        if "NotImplementedError" in source:
            status, message = Status.NOT_STARTED, "not started yet: the function still raises " \
                                             "NotImplementedError. Write it and save."
        elif "FAIL" in source:
            status, message = Status.FAILED, "returned shape (4, 1); expected (4,).\nHint: drop " \
                                        "keepdim=True."
        else:
            status, message = Status.PASSED, ""
        checks: list[CheckResult] = []
        for number, name in enumerate(("a worked example", "random shapes", "the rules")):
            if cancel is not None and cancel.wait(self.delay_s):
                return ExerciseResult(request.exercise_id, request.title, checks,
                                      time.monotonic() - started, request.target_path,
                                      cancelled=True)
            check = CheckResult(f"{request.exercise_id}::check{number}", name,
                                Status.PASSED if number and status is Status.FAILED else status,
                                "" if number and status == "failed" else message)
            checks.append(check)
            if on_check is not None:
                on_check(check)
        checks.append(CheckResult(f"{request.exercise_id}::gpu", "matches the CPU on a GPU",
                                  Status.SKIPPED, "needs a CUDA GPU: no CUDA device visible"))
        return ExerciseResult(request.exercise_id, request.title, checks,
                              time.monotonic() - started, request.target_path)

    def close(self) -> None:
        self.closed = True
