"""The embedded pytest grader: request → warm worker → forked child → result model."""

from tutor.grading.grader import Grader, SubprocessGrader, WarmGrader, default_grader
from tutor.grading.request import GradeRequest
from tutor.grading.results import CheckResult, ExerciseResult, RunResult, Status

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
