"""The warm worker: torch and pytest imported once, one forked child per grading run.

Protocol (tutor.grading.protocol, JSON lines). Client → worker on stdin: ``RunOp``
or ``ShutdownOp``. Worker → client on a private copy of stdout: ``Ready``, then
per run ``Started`` (pid, output file), the child's events tagged with the run
id, and ``Exited`` (return code or signal, output tail).

Rules kept here (each broke a prototype; see docs/architecture.md):
thread variables set before torch is imported; CUDA never initialised; the
worker stays single-threaded (checked before every fork); ``gc.freeze()``
before forking; children get their own process group.
"""

from __future__ import annotations

import os

# Before torch is imported: no OpenMP team may ever exist in this process, or
# every forked child hangs on its first parallel op.
os.environ["OMP_NUM_THREADS"] = "1"
os.environ["MKL_NUM_THREADS"] = "1"
os.environ["PYTORCH_NVML_BASED_CUDA_CHECK"] = "1"
os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"

import contextlib  # noqa: E402
import gc  # noqa: E402
import selectors  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from typing import IO  # noqa: E402

from tutor.grading.protocol import (  # noqa: E402
    Event,
    Exited,
    GraderFailed,
    Op,
    Ready,
    RunOp,
    Started,
    decode_op,
    encode,
    read_output_tail,
    split_events,
)
from tutor.grading.request import GradeRequest  # noqa: E402


def _thread_count() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        import threading

        return threading.active_count()


def warm_up() -> dict[str, float]:
    """Import everything a run needs, touch the common code paths, freeze the heap."""
    started = time.perf_counter()
    import _pytest.assertion.rewrite  # noqa: F401
    import _pytest.python  # noqa: F401
    import numpy  # noqa: F401
    import pytest  # noqa: F401
    import torch

    import tutor.grading.child  # noqa: F401
    import tutor.grading.collector  # noqa: F401
    import tutor.testing  # noqa: F401
    import tutor.testing.plugin  # noqa: F401

    imported = time.perf_counter()
    x = torch.randn(8, 8, requires_grad=True)
    (x @ x).sum().backward()
    # First uses that import large modules lazily (sympy via torch.fx's symbolic
    # shapes: ~0.5 s idle, several seconds under load). Paid once here instead of
    # in every child: a backward with an explicit gradient, meta-device shapes,
    # torch.broadcast_shapes.
    (x * 2).backward(torch.ones_like(x))
    torch.nn.functional.conv2d(torch.empty(1, 1, 4, 4, device="meta"),
                               torch.empty(1, 1, 3, 3, device="meta"))
    torch.broadcast_shapes((2, 1), (3,))
    # torch.optim and element-wise ops on meta tensors import torch._dynamo on first
    # use (2-20 s under load): lessons 08, 13-15 and every meta-device check pay it.
    torch.empty(2, device="meta").clamp(0.1, 0.9)
    optimiser = torch.optim.SGD([torch.zeros(2, requires_grad=True)], lr=0.1)
    optimiser.zero_grad()
    optimiser.step()
    # hypothesis backs tutor.testing.shrink: one tiny search here imports and sets up
    # its engine once (0.2-1 s), instead of in the child of every failing run.
    import _hypothesis_pytestplugin  # noqa: F401 - first, or it warns of the search below

    from tutor.isolation.learner import preload
    from tutor.testing.shrink import find_smallest

    def _fails_from_two(n: int) -> None:
        assert n < 2

    with warnings.catch_warnings():  # "slow code in plugin": not here, before any run
        warnings.simplefilter("ignore")
        find_smallest(_fails_from_two, {"n": (1, 3)})
    preload()  # what strict isolation's learner process may import late
    torch.testing.assert_close(x.detach(), x.detach())
    assert not torch.cuda.is_initialized()
    gc.collect()
    gc.freeze()
    return {"import_s": round(imported - started, 3),
            "warmup_s": round(time.perf_counter() - imported, 3)}


@dataclass
class _Run:
    """One forked run: its id, its child, the partial line read so far, its output file."""

    run: int
    pid: int
    output: str
    buffer: bytes = b""


class Zygote:
    def __init__(self, protocol: IO[bytes]) -> None:
        self.protocol = protocol
        self.selector = selectors.DefaultSelector()
        self.runs: dict[int, _Run] = {}
        """Result-pipe fd → run."""
        self.baseline_threads = _thread_count()

    def send(self, event: Event, run: int | None = None) -> None:
        self.protocol.write(encode(event, run))
        self.protocol.flush()

    def serve(self) -> None:
        self.selector.register(sys.stdin.fileno(), selectors.EVENT_READ, "control")
        buffer = b""
        while True:
            for key, _ in self.selector.select():
                if key.data == "control":
                    chunk = os.read(key.fd, 65536)
                    if not chunk:
                        self.shutdown()
                        return
                    buffer += chunk
                    while b"\n" in buffer:
                        line, buffer = buffer.split(b"\n", 1)
                        if line.strip() and not self.handle(decode_op(line)):
                            self.shutdown()
                            return
                else:
                    self.relay(key.fd)

    def handle(self, op: Op) -> bool:
        if not isinstance(op, RunOp):  # shutdown, or retire (meant for the shared worker)
            return False
        if _thread_count() != self.baseline_threads:
            # Forking a multi-threaded process can deadlock the child; let the
            # client start a fresh worker instead.
            self.send(GraderFailed(f"worker has {_thread_count()} threads, expected "
                                   f"{self.baseline_threads}; restarting"), op.run)
            return False
        self.fork_run(op.run, op.request)
        return True

    def fork_run(self, run_id: int, request: GradeRequest) -> None:
        from tutor.grading.child import preload

        preload(request)  # the pack's manifest parsed here once, not in every child
        read_fd, write_fd = os.pipe()
        output_fd, output_path = tempfile.mkstemp(prefix="tutor-run-", suffix=".log")
        self.protocol.flush()
        gc.freeze()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _become_child(request, write_fd, output_fd)
        os.close(write_fd)
        os.close(output_fd)
        self.runs[read_fd] = _Run(run_id, pid, output_path)
        self.selector.register(read_fd, selectors.EVENT_READ, "run")
        self.send(Started(pid, output_path), run_id)

    def relay(self, fd: int) -> None:
        run = self.runs[fd]
        chunk = os.read(fd, 65536)
        events, run.buffer = split_events(run.buffer + chunk)
        for event in events:
            self.send(event, run.run)
        if not chunk:
            self.selector.unregister(fd)
            os.close(fd)
            del self.runs[fd]
            self.finish(run)

    def finish(self, run: _Run) -> None:
        _, status = os.waitpid(run.pid, 0)
        with contextlib.suppress(OSError):  # leftovers the learner's code started
            os.killpg(run.pid, signal.SIGKILL)
        tail = _read_tail(run.output)
        if os.WIFSIGNALED(status):
            self.send(Exited(None, os.WTERMSIG(status), tail), run.run)
        else:
            self.send(Exited(os.WEXITSTATUS(status), None, tail), run.run)

    def shutdown(self) -> None:
        for run in self.runs.values():
            with contextlib.suppress(OSError):
                os.killpg(run.pid, signal.SIGKILL)


def _read_tail(path: str) -> str:
    try:
        return read_output_tail(path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _become_child(request: GradeRequest, results_fd: int, output_fd: int) -> None:
    """Runs in the forked child and never returns."""
    code = 70
    try:
        os.setsid()
        _die_with_parent()
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(output_fd, 1)
        os.dup2(output_fd, 2)
        for fd in (devnull, output_fd):
            os.close(fd)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        from tutor.grading.child import run_checks

        with os.fdopen(results_fd, "wb", buffering=0) as results:
            code = run_checks(request, results)
    except BaseException:  # noqa: BLE001 - report anything, then leave without cleanup
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _die_with_parent() -> None:
    """Linux: the child gets SIGKILL if the worker dies, so no run outlives it."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def main() -> None:
    protocol = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints in imported code go to the log, not the protocol
    timings = warm_up()
    zygote = Zygote(protocol)
    zygote.send(Ready(os.getpid(), zygote.baseline_threads, timings["import_s"],
                      timings["warmup_s"]))
    zygote.serve()
    # Nothing is left to flush or save: skip the interpreter's teardown, which with torch
    # loaded took seconds on a busy machine while the process lingered after the app quit.
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
