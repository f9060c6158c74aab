"""The warm worker and the subprocess fallback give the same verdicts and messages.

The whole course is compared by benchmarks/compare_modes.py (minutes in
subprocess mode); here one lesson's stubs and solutions, plus the fault pack.
"""

from __future__ import annotations

import pytest
from mode_compare import course_jobs, differences

from tutor.grading.request import GradeOptions

pytestmark = pytest.mark.slow


def test_modes_agree_on_a_lesson(builtin_pack, warm_grader, subprocess_grader):
    lesson = builtin_pack.lesson("lesson04")
    assert lesson is not None
    jobs = course_jobs(builtin_pack, list(lesson.exercises))
    assert differences(warm_grader, subprocess_grader, builtin_pack, jobs,
                       GradeOptions(device="cpu")) == []
