"""The Grader interface and its real implementations.

The UI and the CLI only see :class:`Grader`: ``grade(request)`` returns an
ExerciseResult, calling ``on_check`` as each check finishes and stopping early
when ``cancel`` is set (a newer save). Implementations:

- :class:`WarmGrader`: forks each run from the warm worker (~0.1 s a run), the
  user's shared one when it can be reached (tutor.grading.service);
- :class:`SubprocessGrader`: one fresh Python per run (Windows, or forced with
  ``TUTOR_GRADER=subprocess``); the same results, seconds slower;
- ``tutor.grading.fake.FakeGrader``: canned results for UI tests.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from tutor.grading.assemble import RunAssembler
from tutor.grading.memory_guard import RssWatchdog
from tutor.grading.protocol import (
    Collected,
    Event,
    Exited,
    GraderFailed,
    ProtocolError,
    Started,
    read_output_tail,
)
from tutor.grading.protocol import decode as decode_event
from tutor.grading.request import GradeRequest
from tutor.grading.results import CheckResult, ExerciseResult
from tutor.grading.service_client import SharedWorkerClient
from tutor.grading.service_paths import shared_worker_refusal
from tutor.grading.zygote_client import WORKER_ENV, ZygoteClient, ZygoteUnavailable

OnCheck = Callable[[CheckResult], None]
KILL_GRACE_S = 5.0
STACK_DUMP_WAIT_S = 0.15


class Grader(Protocol):
    mode: str

    def prewarm(self) -> None:
        """Start whatever makes the first run fast, without waiting for it."""

    def grade(self, request: GradeRequest, on_check: OnCheck | None = None,
              cancel: threading.Event | None = None) -> ExerciseResult:
        """Grade one exercise; safe to call from several threads at once."""
        ...

    def close(self) -> None: ...


def _dump_stack(pid: int | None) -> None:
    """Ask a stuck child to write its Python stack (faulthandler on SIGUSR1)."""
    if pid is None or not hasattr(signal, "SIGUSR1"):
        return
    with contextlib.suppress(OSError):  # already gone: nothing left to dump
        os.kill(pid, signal.SIGUSR1)


def _kill_group(pid: int | None) -> None:
    if pid is None:
        return
    with contextlib.suppress(OSError, AttributeError):
        os.killpg(pid, signal.SIGKILL)


def supervise(request: GradeRequest, events: queue.Queue[Event],
              on_check: OnCheck | None, cancel: threading.Event | None,
              startup_allowance_s: float = 0.0) -> ExerciseResult:
    """Drive one run's events into its RunAssembler, enforcing the wall-clock timeout.

    The clock starts when the run starts; ``startup_allowance_s`` covers a fresh
    interpreter importing torch in subprocess mode and is dropped once checks
    are collected, so both modes give the learner the same time.
    """
    assembler = RunAssembler(request)
    started = time.monotonic()
    deadline = started + request.timeout_s + startup_allowance_s
    killed_at: float | None = None
    dumped_at: float | None = None
    # RLIMIT_AS is off for runs that may use CUDA, and a run's helper processes each get
    # their own: the host-memory cap is also enforced from here, over the whole tree.
    watchdog = RssWatchdog(request.memory_mb)
    while not assembler.finished:
        try:
            event = events.get(timeout=0.02)
        except queue.Empty:
            now = time.monotonic()
            if cancel is not None and cancel.is_set():
                _kill_group(assembler.pid)
                return assembler.result(now - started, cancelled=True)
            if killed_at is None and watchdog.exceeded(assembler.pid, now):
                _kill_group(assembler.pid)
                killed_at = now
                assembler.memory_exceeded(watchdog.message())
                continue
            if killed_at is None and now > deadline:
                if dumped_at is None:
                    _dump_stack(assembler.pid)
                    dumped_at = now
                    continue
                if now < dumped_at + STACK_DUMP_WAIT_S:
                    continue
                _kill_group(assembler.pid)
                killed_at = now
                assembler.timed_out = True
            elif killed_at is not None and now > killed_at + KILL_GRACE_S:
                assembler.add(Exited(signal=signal.SIGKILL))
            continue
        if isinstance(event, Collected):
            deadline = min(deadline, time.monotonic() + request.timeout_s)
            watchdog.arm()
        check = assembler.add(event)
        if check is not None and on_check is not None:
            on_check(check)
    if not assembler.exited:
        # Done with every check reported: the verdict is complete. The child is only
        # exiting now; end it rather than wait (nothing it does from here counts).
        _kill_group(assembler.pid)
    return assembler.result(time.monotonic() - started)


class WarmGrader:
    """Runs forked from a warm worker that already imported torch and pytest.

    By default that is the user's shared worker (tutor.grading.service), which
    outlives this process; ``shared=False`` (or ``TUTOR_WORKER=private``, or a
    platform without Unix sockets) gives this grader a private worker of its own.
    """

    mode = "warm"

    def __init__(self, shared: bool | None = None) -> None:
        self.zygote: ZygoteClient | SharedWorkerClient
        refusal = shared_worker_refusal()
        if shared is False or (shared is None and refusal):
            self.zygote = ZygoteClient()
        else:
            self.zygote = SharedWorkerClient()

    @property
    def worker_note(self) -> str | None:
        """One line for verbose output when the shared worker could not be used."""
        reason = getattr(self.zygote, "fallback_reason", None) or shared_worker_refusal()
        return f"grading on a private worker: {reason}" if reason else None

    def prewarm(self) -> None:
        self.zygote.start()

    def grade(self, request: GradeRequest, on_check: OnCheck | None = None,
              cancel: threading.Event | None = None) -> ExerciseResult:
        for attempt in range(2):
            try:
                events = self.zygote.submit(request)
            except ZygoteUnavailable as error:
                assembler = RunAssembler(request)
                assembler.add(GraderFailed(str(error)))
                return assembler.result(0.0)
            try:
                result = supervise(request, events, on_check, cancel)
            finally:
                self.zygote.release(events)
            if not result.grader_failed or attempt == 1:
                return result
            self.zygote.start()  # a dead worker is our fault: retry once on a fresh one
        return result

    def close(self) -> None:
        self.zygote.close()


class SubprocessGrader:
    """One fresh ``python -m tutor.grading.child`` per run: slow but needs no fork()."""

    mode = "subprocess"

    def prewarm(self) -> None:
        return None

    def grade(self, request: GradeRequest, on_check: OnCheck | None = None,
              cancel: threading.Event | None = None) -> ExerciseResult:
        events: queue.Queue[Event] = queue.Queue()
        with tempfile.TemporaryDirectory(prefix="tutor-run-") as folder:
            results_path = Path(folder) / "results.jsonl"
            results_path.touch()
            output_path = Path(folder) / "output.log"
            with open(output_path, "wb") as output:
                process = subprocess.Popen(
                    [sys.executable, "-m", "tutor.grading.child", "--results-file",
                     str(results_path)],
                    stdin=subprocess.PIPE, stdout=output, stderr=subprocess.STDOUT,
                    env={**os.environ, **WORKER_ENV, "OMP_NUM_THREADS": str(request.threads)},
                    start_new_session=True)
            assert process.stdin is not None
            process.stdin.write(request.to_json().encode())
            process.stdin.close()
            events.put(Started(process.pid, str(output_path)))
            threading.Thread(target=_follow, args=(process, results_path, output_path, events),
                             daemon=True).start()
            return supervise(request, events, on_check, cancel, startup_allowance_s=60.0)

    def close(self) -> None:
        return None


def _follow(process: subprocess.Popen[bytes], results: Path, output: Path,
            events: queue.Queue[Event]) -> None:
    """Tail the results file into events until the child exits."""
    position = 0
    while True:
        finished = process.poll() is not None
        try:
            with open(results, "rb") as handle:
                handle.seek(position)
                data = handle.read()
        except OSError:  # the run was cancelled and its folder removed
            return
        complete = data[: data.rfind(b"\n") + 1]
        position += len(complete)
        for line in complete.splitlines():
            try:
                events.put(decode_event(line).event)
            except ProtocolError:
                continue
        if finished:
            break
        time.sleep(0.02)
    code = process.returncode
    events.put(Exited(code if code >= 0 else None, -code if code < 0 else None,
                      read_output_tail(output)))


def default_grader() -> Grader:
    """The warm grader where fork() is safe; the subprocess one on Windows or when forced."""
    forced = os.environ.get("TUTOR_GRADER", "").lower()
    if forced == "subprocess" or not hasattr(os, "fork"):
        return SubprocessGrader()
    return WarmGrader()
