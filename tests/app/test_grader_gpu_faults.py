"""GPU fault handling, exercised on the CPU with the exceptions torch raises on a GPU.

No GPU is needed: the learner files raise what CUDA raises (an out-of-memory error,
a device-side assert), and the memory watchdog is driven by real host memory.
benchmarks/gpu_check.py runs the real-GPU versions of these cases.
"""

from __future__ import annotations

import os
import sys

import pytest

from tutor.grading import GradeRequest
from tutor.grading.memory_guard import RssWatchdog, resident_kib

pytestmark = pytest.mark.slow


@pytest.fixture(params=["warm", "subprocess"])
def grader(request, warm_grader, subprocess_grader):
    return warm_grader if request.param == "warm" else subprocess_grader


def test_cuda_out_of_memory_is_memory(grader, fault_request):
    result = grader.grade(fault_request("cuda_oom.py"))
    assert [c.status for c in result.checks] == ["memory"] * 3
    assert "CUDA out of memory" in result.checks[0].message


def test_device_side_assert_names_the_line_and_stops_the_run(grader, fault_request):
    result = grader.grade(fault_request("cuda_assert.py"))
    assert [c.status for c in result.checks] == ["passed", "error", "error"]
    assert "device-side assert" in result.checks[1].message
    assert "cuda_assert.py line 7" in result.checks[1].message
    assert "did not run" in result.checks[2].message
    assert "'doubles 3'" in result.checks[2].message
    # The poisoned process is gone; the next run starts clean.
    after = grader.grade(fault_request("../faultpack/solutions/faults_basics/double.py"))
    assert after.status == "passed"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the watchdog reads /proc")
def test_watchdog_stops_a_run_whose_process_tree_hogs_memory(grader, fault_request):
    request = fault_request("many_processes.py", timeout_s=30.0)
    request = GradeRequest.from_dict({**request.to_dict(), "memory_mb": 512})
    result = grader.grade(request)
    assert result.checks[0].status == "memory", result.checks[0].message
    message = result.checks[0].message
    assert "512 MB" in message
    used = int(message.split("used about ")[1].split(" MB")[0])
    # The helpers' memory, not torch's import (~300 MB), was counted; the message rounds, so
    # a run stopped just past the limit reads "about 512 MB".
    assert used >= 512, message
    assert result.duration < 20, "the watchdog, not the timeout, must stop it"
    after = grader.grade(fault_request("../faultpack/solutions/faults_basics/double.py"))
    assert after.status == "passed"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_watchdog_measures_from_the_first_reading():
    watchdog = RssWatchdog(allowance_mb=1, interval_s=0.0)
    assert not watchdog.exceeded(os.getpid(), now=0.5)  # not armed: measures nothing
    assert watchdog.baseline_kib is None
    watchdog.arm()
    assert not watchdog.exceeded(os.getpid(), now=1.0)  # sets the baseline
    assert watchdog.baseline_kib == pytest.approx(resident_kib(os.getpid()), rel=0.5)
    ballast = bytearray(8 * 1024 * 1024)  # 8 MiB, touched by the zero fill
    assert watchdog.exceeded(os.getpid(), now=2.0)
    assert "over the 1 MB a run may take" in watchdog.message()
    del ballast


def test_watchdog_is_inert_without_a_pid_or_allowance():
    for watchdog, pid in ((RssWatchdog(allowance_mb=0), os.getpid()),
                          (RssWatchdog(allowance_mb=100), None)):
        watchdog.arm()
        assert not watchdog.exceeded(pid)
    assert resident_kib(2**22 + 12345) is None  # no such process
