"""The embedded pytest grader: request → warm worker (zygote) → forked child → events → result."""

from tutor.grading.grader import Grader, SubprocessGrader, WarmGrader, default_grader
from tutor.grading.request import GradeRequest
from tutor.grading.results import CheckResult, ExerciseResult, RunResult
from tutor.grading.status import Status

__all__ = [
    "CheckResult",
    "ExerciseResult",
    "GradeRequest",
    "Grader",
    "RunResult",
    "Status",
    "SubprocessGrader",
    "WarmGrader",
    "default_grader",
]
