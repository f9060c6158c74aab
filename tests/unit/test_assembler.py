"""RunAssembler on recorded event streams: the verdict of every fault, without a grader.

The streams in golden/events were recorded from real runs (golden_runs.py); the
expected results in golden/results are reviewed files (TUTOR_UPDATE_GOLDEN=1
rewrites them). Each case also asserts what matters about it in words.
"""

from __future__ import annotations

import json

import pytest
from golden_files import assert_golden
from golden_runs import CASES, GOLDEN, Case, load, request_for

from tutor.grading.assemble import RunAssembler
from tutor.grading.protocol import Collected, CollectedCheck, GraderFailed, Started
from tutor.grading.results import ExerciseResult
from tutor.grading.status import Status


def replay(case: Case) -> ExerciseResult:
    recording = load(case)
    assembler = RunAssembler(request_for(case))
    assembler.timed_out = recording.timed_out  # the supervisor's kill, recorded
    for event in recording.events:
        assembler.add(event)
    assert assembler.finished
    return assembler.result(duration=0.0)


def as_golden(case: Case, result: ExerciseResult) -> str:
    data = result.to_dict()
    data["target"] = case.file  # the checkout's absolute path is not part of the verdict
    data["output"] = result.output
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_replayed_stream_gives_the_golden_result(case):
    result = replay(case)
    assert_golden(GOLDEN / "results" / f"{case.name}.json", as_golden(case, result))


EXPECTED = {
    "solution": ["passed", "passed", "passed"],
    "stub": ["not_started"] * 3,
    "wrong": ["passed", "failed", "failed"],
    "hang": ["timeout"] * 3,
    "segfault": ["crashed"] * 3,
    "exits": ["passed", "crashed", "crashed"],
    "syntax": ["error"] * 3,
    "raises": ["error", "error", "error"],
    "memory": ["memory", "memory", "memory"],
    "noisy": ["passed", "passed", "passed"],
}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_fault_has_its_own_status(case):
    assert [c.status.value for c in replay(case).checks] == EXPECTED[case.name]


def test_a_stopped_run_names_the_stuck_line_once_and_the_rest_did_not_run():
    hang = replay(next(c for c in CASES if c.name == "hang"))
    first, *rest = hang.checks
    assert first.message.startswith("timed out after 2 s: your code was still running line")
    assert "hang.py" in first.message
    assert all(c.message == "did not run: the run stopped during 'doubles 2'" for c in rest)


def test_os_exit_keeps_the_checks_reported_before_it():
    exits = replay(next(c for c in CASES if c.name == "exits"))
    assert exits.checks[0].status is Status.PASSED
    assert "os._exit" in exits.checks[1].message


def test_a_dead_worker_sets_grader_failed_not_a_learner_verdict():
    case = CASES[0]
    assembler = RunAssembler(request_for(case))
    assembler.add(Started(pid=1))
    assembler.add(Collected((CollectedCheck("a", "first"), CollectedCheck("b", "second"))))
    assembler.add(GraderFailed("the worker exited with code -9"))
    assert assembler.finished
    result = assembler.result(0.1)
    assert result.grader_failed
    assert [c.status for c in result.checks] == [Status.CRASHED, Status.CRASHED]
    assert "nothing you wrote caused this" in result.checks[0].message


def test_no_checks_at_all_is_an_error_not_a_pass():
    result = RunAssembler(request_for(CASES[0])).result(0.0)
    assert result.status is Status.ERROR
    assert result.checks[0].message == "no checks were found or run"
