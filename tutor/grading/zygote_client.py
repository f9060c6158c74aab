"""The client of the warm worker process (``tutor.grading.zygote``).

Thread-safe: several grading runs may be in flight at once (the course
self-check runs lessons in parallel). A reader thread decodes the worker's
protocol lines and routes each event to its run's queue. If the worker dies,
every run in flight hears :class:`GraderFailed` and the next submit starts a
fresh worker.
"""

from __future__ import annotations

import itertools
import os
import queue
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO

from tutor.grading.protocol import (
    Event,
    GraderFailed,
    ProtocolError,
    Ready,
    RunOp,
    ShutdownOp,
    decode,
    encode_op,
)
from tutor.grading.request import GradeRequest

READY_TIMEOUT_S = 120.0
WORKER_ENV = {
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTORCH_NVML_BASED_CUDA_CHECK": "1",
    "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
}

Events = queue.Queue[Event]


def worker_log_path() -> Path:
    user = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"tutor-worker-{user}.log"


class ZygoteUnavailable(RuntimeError):
    """The warm worker could not be started or died before it was ready."""


class ZygoteClient:
    """Starts the warm worker, sends it runs and routes their events back."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._ready = threading.Event()
        self._queues: dict[int, Events] = {}
        self._ids = itertools.count(1)
        self.info: Ready | None = None
        """The worker's ``Ready`` event (pid, threads, warm-up timings) once it is up."""

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start the worker if it is not running; returns at once (it warms in the background)."""
        with self._lock:
            if self.alive:
                return
            self._ready.clear()
            log: IO[bytes] = open(worker_log_path(), "ab")  # noqa: SIM115
            self._process = subprocess.Popen(
                [sys.executable, "-m", "tutor.grading.zygote"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                env={**os.environ, **WORKER_ENV}, start_new_session=True)
            log.close()
            threading.Thread(target=self._read, args=(self._process,), daemon=True,
                             name="tutor-zygote-reader").start()

    def wait_ready(self, timeout: float = READY_TIMEOUT_S) -> None:
        self.start()
        if not self._ready.wait(timeout):
            raise ZygoteUnavailable(f"the grading worker was not ready after {timeout:.0f} s "
                                    f"(log: {worker_log_path()})")
        if not self.alive:
            raise ZygoteUnavailable(f"the grading worker exited (log: {worker_log_path()})")

    def submit(self, request: GradeRequest) -> Events:
        """Start one run; its events arrive on the returned queue until ``Exited``."""
        for attempt in range(2):
            self.wait_ready()
            run_id = next(self._ids)
            events: Events = queue.Queue()
            message = encode_op(RunOp(run_id, request))
            with self._lock:
                self._queues[run_id] = events
                process = self._process
                try:
                    assert process is not None and process.stdin is not None
                    process.stdin.write(message)
                    process.stdin.flush()
                    return events
                except (OSError, AssertionError):
                    del self._queues[run_id]
            if attempt == 0:
                self.start()
        raise ZygoteUnavailable("could not send a run to the grading worker")

    def release(self, events: Events) -> None:
        with self._lock:
            for run_id, q in list(self._queues.items()):
                if q is events:
                    del self._queues[run_id]

    def _read(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            try:
                envelope = decode(line)
            except ProtocolError:
                continue
            if isinstance(envelope.event, Ready):
                self.info = envelope.event
                self._ready.set()
                continue
            with self._lock:
                target = self._queues.get(envelope.run if envelope.run is not None else -1)
            if target is not None:
                target.put(envelope.event)
        process.wait()
        self._ready.set()  # wake waiters; `alive` tells them it died
        with self._lock:
            orphans = list(self._queues.values())
        for events in orphans:
            events.put(GraderFailed(f"the worker exited with code {process.returncode}"))

    def close(self) -> None:
        with self._lock:
            process, self._process = self._process, None
        if process is None:
            return
        try:
            assert process.stdin is not None
            process.stdin.write(encode_op(ShutdownOp()))
            process.stdin.close()
            process.wait(timeout=2)
        except (OSError, AssertionError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
