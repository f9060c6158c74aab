"""Every fault a learner's code can cause gets its own status, and the grader survives."""

from __future__ import annotations

import time

import pytest

from tutor.grading import ExerciseResult

pytestmark = pytest.mark.slow


def statuses(result: ExerciseResult) -> list[str]:
    return [check.status for check in result.checks]


@pytest.fixture(params=["warm", "subprocess"])
def grader(request, warm_grader, subprocess_grader):
    return warm_grader if request.param == "warm" else subprocess_grader


def test_correct_file_passes(grader, fault_request):
    result = grader.grade(fault_request("../faultpack/solutions/faults_basics/double.py"))
    assert statuses(result) == ["passed", "passed", "passed"]
    assert result.status == "passed"
    assert [c.name for c in result.checks] == ["doubles 2", "doubles 3", "doubles a big number"]


def test_stub_is_not_started(grader, fault_request):
    result = grader.grade(fault_request("../faultpack/exercises/faults_basics/double.py"))
    assert set(statuses(result)) == {"not_started"}
    assert "NotImplementedError" in result.checks[0].message


def test_wrong_answer_fails_with_message(grader, fault_request):
    result = grader.grade(fault_request("wrong.py"))  # x + 2: right for 2 only
    assert statuses(result) == ["passed", "failed", "failed"]
    assert "assert 5 == 6" in result.checks[1].message
    assert result.status == "failed"


def test_hang_times_out_within_limit_and_names_the_line(grader, fault_request):
    limit = 2.0
    started = time.monotonic()
    result = grader.grade(fault_request("hang.py", timeout_s=limit))
    elapsed = time.monotonic() - started
    assert statuses(result) == ["timeout"] * 3
    assert "timed out after 2 s" in result.checks[0].message
    assert "hang.py" in result.checks[0].message  # faulthandler told us where it was stuck
    assert "did not run" in result.checks[1].message
    if grader.mode == "warm":  # a fresh interpreter's torch import is not the learner's time
        # The limit, the stack dump's grace (0.15 s) and a margin for a loaded machine.
        assert elapsed < limit * 1.5, f"{elapsed:.2f} s for a {limit:g} s limit"


def test_segfault_is_crashed(grader, fault_request):
    result = grader.grade(fault_request("segfault.py"))
    assert statuses(result)[0] == "crashed"
    assert "SIGSEGV" in result.checks[0].message
    assert result.status == "crashed"


def test_os_exit_is_crashed_and_earlier_results_kept(grader, fault_request):
    result = grader.grade(fault_request("exits.py"))
    assert statuses(result) == ["passed", "crashed", "crashed"]
    assert "os._exit" in result.checks[1].message


def test_syntax_error_names_the_line(grader, fault_request):
    result = grader.grade(fault_request("syntax.py"))
    assert set(statuses(result)) == {"error"}
    assert "syntax error on line 1" in result.checks[0].message


def test_exception_names_learner_line(grader, fault_request):
    result = grader.grade(fault_request("raises.py"))
    assert statuses(result)[0] == "error"
    message = result.checks[0].message
    assert "IndexError" in message and "raises.py line 3" in message


def test_memory_hog_is_memory(grader, fault_request):
    result = grader.grade(fault_request("memory.py", timeout_s=10.0))
    assert statuses(result)[0] == "memory"
    assert "out of memory" in result.checks[0].message


def test_print_flood_cannot_break_the_protocol(grader, fault_request):
    result = grader.grade(fault_request("flood.py", timeout_s=10.0))
    # 20 000 lines of 10 kB pass the 64 MB output cap inside the first check: the write
    # fails (EFBIG) and every check reports it by name, the protocol stream intact.
    assert [c.name for c in result.checks] == ["doubles 2", "doubles 3", "doubles a big number"]
    assert statuses(result) == ["error"] * 3
    assert all("printed too much output" in c.message for c in result.checks)


def test_learner_prints_cannot_fake_results(grader, fault_request):
    result = grader.grade(fault_request("noisy.py"))
    assert statuses(result) == ["passed", "passed", "passed"]
    assert "stderr noise" in result.checks[0].details


@pytest.fixture(scope="module")
def worker_pid(warm_grader):
    """The warm worker's pid before this module's first fault."""
    assert warm_grader.zygote.info is not None
    return warm_grader.zygote.info.pid


@pytest.fixture(autouse=True)
def _note_worker(worker_pid):
    del worker_pid


def test_cancel_drops_the_run(warm_grader, fault_request):
    import threading

    cancel = threading.Event()
    timer = threading.Timer(0.3, cancel.set)
    timer.start()
    started = time.monotonic()
    limit = 5.0
    result = warm_grader.grade(fault_request("hang.py", timeout_s=limit), cancel=cancel)
    assert result.cancelled
    # Cancelled at 0.3 s: it must end long before the run's own limit would.
    assert time.monotonic() - started < limit * 0.5


def test_learner_message_drops_pytest_assert_introspection():
    from tutor.grading.collector import classify_exception

    error = AssertionError("one_hot(...) returned float32; expected int64.\n"
                           "assert torch.float32 == torch.int64\n +  where ...")
    assert classify_exception(error, "call", "") == \
        ("failed", "one_hot(...) returned float32; expected int64.")
    bare = AssertionError("assert 1 == 2")
    assert classify_exception(bare, "call", "") == ("failed", "assert 1 == 2")


def test_warm_worker_survived_every_fault_above(warm_grader, fault_request, worker_pid):
    # Runs last in this module: every fault above ran once on this same worker.
    result = warm_grader.grade(fault_request("../faultpack/solutions/faults_basics/double.py"))
    assert result.status == "passed"
    assert warm_grader.zygote.info is not None
    assert warm_grader.zygote.info.pid == worker_pid, "the worker was restarted"
