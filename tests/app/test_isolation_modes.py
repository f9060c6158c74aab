"""Fast and strict isolation give the same verdicts and messages.

Faults (crashes, hangs, floods, exits) keep their statuses when the learner's
code runs in its own process; one lesson's stubs, solutions and wrong answers
grade the same. The whole course: benchmarks/compare_isolation.py --wrong.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from pathlib import Path

import pytest
from mode_compare import course_jobs, option_differences, verdicts, wrong_answer_jobs

from tutor.grading.request import GradeOptions

pytestmark = pytest.mark.slow
FAULTS = Path(__file__).parent / "data" / "faults"
CPU_FAULTS = sorted(p.name for p in FAULTS.glob("*.py") if not p.name.startswith("cuda"))


@pytest.mark.parametrize("fault", CPU_FAULTS)
def test_a_fault_gets_the_same_verdicts(warm_grader, fault_request, fault):
    # A flood needs the time to reach the 64 MB cap (test_grader_faults does the same).
    if fault == "many_processes.py" and _nobody_cannot_run_python():
        pytest.skip("as root the learner runs as uid 65534, which cannot run this Python "
                    f"({sys.executable}): its processes fail to start instead of piling up")
    fast = fault_request(fault, timeout_s=10.0 if fault == "flood.py" else 3.0)
    strict = dataclasses.replace(fast, isolation="strict")
    first, second = warm_grader.grade(fast), warm_grader.grade(strict)
    assert (first.status, _no_addresses(verdicts(first))) == \
        (second.status, _no_addresses(verdicts(second)))


def _nobody_cannot_run_python() -> bool:
    if os.geteuid() != 0:
        return False
    path = Path(sys.executable).resolve()
    return any(not p.stat().st_mode & 0o001 for p in path.parents if p != Path("/"))


def _no_addresses(found: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """pytest's assertion text shows `<function double at 0x7f…>`: addresses differ by run."""
    return {k: (s, re.sub(r"0x[0-9a-f]+", "0x…", m)) for k, (s, m) in found.items()}


@pytest.mark.parametrize("lesson", ["lesson04", "lesson11"])  # differences: see report
def test_modes_agree_on_a_lesson(builtin_pack, warm_grader, lesson):
    chosen = builtin_pack.lesson(lesson)
    assert chosen is not None
    ids = {ex.qualified_id for ex in chosen.exercises}
    jobs = course_jobs(builtin_pack, list(chosen.exercises))
    jobs += [(ex, path) for ex, path in wrong_answer_jobs(
        builtin_pack, Path(__file__).parent / "wrong_answers") if ex.qualified_id in ids]
    assert option_differences(warm_grader, builtin_pack, jobs,
                              GradeOptions(device="cpu", jobs=2),
                              GradeOptions(device="cpu", jobs=2, isolation="strict")) == []
