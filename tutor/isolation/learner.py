"""The learner process: forked before any check runs, it alone imports the learner's code.

Before it reads a byte of learner code it closes every file descriptor but its
channel and its output, and (when the grader runs as root, as in Gradescope's
containers) drops to an unprivileged uid with no supplementary groups, so it
cannot read the pack's solutions, the checks or the results. The learner's
source arrives over the channel, read by the trusted process.
"""

from __future__ import annotations

import contextlib
import faulthandler
import linecache
import os
import signal
import socket
import sys
from pathlib import Path
from typing import IO, Any

from tutor.isolation.calls import runner
from tutor.isolation.endpoint import Endpoint
from tutor.isolation.sandbox import restrict
from tutor.isolation.tracing import tracer
from tutor.isolation.wire import ChannelClosed

UNPRIVILEGED_UID = 65534
"""``nobody`` on Debian/Ubuntu images, Gradescope's among them."""
KEEP_FDS = (0, 1, 2)
_DUMP_FILE: IO[str] | None = None  # faulthandler keeps writing to it


PRELOAD = (
    # Codecs looked up by name (torch.load's pickle reads with encoding="latin1").
    "encodings.latin_1", "encodings.ascii", "encodings.utf_8", "encodings.utf_16",
    "encodings.utf_32", "encodings.cp1252", "encodings.raw_unicode_escape",
    "encodings.unicode_escape", "encodings.idna",
    # What learner code and torch import on first use.
    "pickle", "pickletools", "copy", "copyreg", "random", "math", "cmath", "statistics",
    "json", "csv", "io", "zipfile", "tarfile", "gzip", "itertools", "functools",
    "collections", "collections.abc", "dataclasses", "typing", "enum", "numbers",
    "fractions", "decimal", "datetime", "time", "heapq", "bisect", "string", "re",
    "textwrap", "operator", "contextlib", "warnings", "timeit", "pprint", "array",
    "struct", "tempfile", "shutil", "glob", "fnmatch", "uuid", "hashlib", "secrets",
    "torch.nn.utils.rnn", "torch.utils.data", "torch.autograd.functional",
    "torch.optim.lr_scheduler", "torch.func", "torch.distributions", "torch.nn.init",
    "torch.serialization", "torch.utils.checkpoint", "torch.testing",
    "numpy.linalg", "numpy.random",
)
"""Modules the warm worker imports for the learner process (:func:`preload`)."""


def preload() -> None:
    """Import now what learner code may import late.

    Where the grader runs as root the learner process runs as ``nobody``, which cannot
    read a Python installed under a private home folder (``/root/.pyenv``): there, a
    module not imported before the fork cannot be imported at all. Imported once in the
    warm worker, these cost the grading runs nothing.
    """
    import importlib
    import warnings

    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    # Forward-mode AD's first use compiles its decompositions with torch.jit, which reads
    # the standard library's source (inspect.getsource): once here, ~0.15 s.
    import torch.autograd.forward_ad as forward_ad

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.jit.script's deprecation notice
        with contextlib.suppress(Exception):
            forward_ad._maybe_load_decompositions()
    from tutor.isolation.codec import overridable_ids
    from tutor.isolation.rules import patch_watch

    patch_watch()  # the trusted side's snapshot of torch's functions, before any check
    overridable_ids()  # which library functions may cross by name, for both sides


def shared_cpu() -> int | None:
    """The CPU the checks' process and the learner's share once both run.

    The two take turns: each request blocks its sender until the reply comes, so a
    second CPU buys them nothing, and on a virtual machine waking a process on another,
    idle CPU took 50-500 µs where a switch on the same CPU takes ~15 µs (raw socket round
    trips, measured here). Runs graded side by side take different CPUs: each holds a lock
    on its CPU's file (under the temporary folder) for as long as it lives; with every CPU
    taken, a run is not pinned.

    None (no pinning) for a run with more than one torch thread: pinned to one CPU, its
    OpenMP threads spin against each other (a wrong resnet18 took 21 s instead of 1.7 s),
    and with fewer threads than the same run in fast mode, sums round differently (a
    message's last digit differed). Class grading runs one thread per run (``--jobs``).
    Also None where the platform cannot, or with ``TUTOR_STRICT_ANY_CPU`` set.
    """
    import torch

    if os.environ.get("TUTOR_STRICT_ANY_CPU") or not hasattr(os, "sched_setaffinity") \
            or torch.get_num_threads() > 1:
        return None
    try:
        allowed = sorted(os.sched_getaffinity(0))
    except OSError:
        return None
    return _claim_cpu(allowed) if len(allowed) > 1 else None


_CLAIMED: list[int] = []
"""The lock file descriptor this process holds (kept open until it exits)."""


def _claim_cpu(allowed: list[int]) -> int | None:
    import fcntl
    import tempfile

    folder = Path(tempfile.gettempdir()) / f"torch-tutor-cpus-{os.getuid()}"
    with contextlib.suppress(OSError):
        folder.mkdir(mode=0o700, exist_ok=True)
    for cpu in allowed:
        try:
            fd = os.open(folder / f"cpu{cpu}.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue
        _CLAIMED.append(fd)
        return cpu
    return None


def pin_to(cpu: int | None) -> None:
    if cpu is not None:
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, {cpu})


def fork_learner(target: str, pack_root: str, scratch: str,
                 cpu: int | None = None) -> tuple[int, socket.socket]:
    """Start the learner process; returns its pid and the trusted end of the channel. The
    learner moves to ``cpu`` once it has started (see :func:`shared_cpu`)."""
    trusted, learner = socket.socketpair()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        trusted.close()
        _learner_main(learner, target, pack_root, scratch, cpu)  # never returns
    learner.close()
    return pid, trusted


def _learner_main(sock: socket.socket, target: str, pack_root: str, scratch: str,
                  cpu: int | None) -> None:
    try:
        from tutor.grading import rewrite_cache

        rewrite_cache.forget()  # the checks' compiled code, inherited from the run
        harden(sock.fileno(), Path(pack_root), Path(scratch))
        pin_to(cpu)
        endpoint = Endpoint(sock, target)
        endpoint.forward_warnings = True
        endpoint.unpickles = True
        endpoint.handlers["load"] = _loader(endpoint)
        endpoint.handlers["tracer"] = tracer  # shape traces are taken here (tracing.py)
        endpoint.handlers["each"] = runner(target)  # call_each's calls are made here (calls.py)
        endpoint.serve_forever()
    except ChannelClosed:
        pass
    except BaseException:  # noqa: BLE001 - report it in the run's output, then leave
        import traceback

        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(0)


def harden(channel_fd: int, pack_root: Path, scratch: Path) -> None:
    """Close inherited descriptors, sandbox the files, drop privileges, die with the parent."""
    for name in os.listdir("/proc/self/fd") if os.path.isdir("/proc/self/fd") else []:
        fd = int(name)
        if fd not in KEEP_FDS and fd != channel_fd:
            with contextlib.suppress(OSError):
                os.close(fd)
    _die_with_parent()
    # A timeout's stack dump goes to the run's output, where the grader looks for the
    # learner's stuck line; everything the learner prints goes to its own file, capped by
    # RLIMIT_FSIZE as in fast mode (a flood fails the learner's print with EFBIG).
    global _DUMP_FILE
    _DUMP_FILE = os.fdopen(os.dup(2), "w")
    if hasattr(signal, "SIGUSR1"):
        faulthandler.register(signal.SIGUSR1, file=_DUMP_FILE, all_threads=False)
    output = os.open(scratch / "learner-output.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND,
                     0o600)
    os.dup2(output, 1)
    os.dup2(output, 2)
    os.close(output)
    os.environ["TMPDIR"] = str(scratch)
    os.chdir(scratch)
    restrict(pack_root, scratch)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        drop_privileges(UNPRIVILEGED_UID)


def drop_privileges(uid: int) -> None:
    """Become ``uid`` for good: no supplementary groups, real, effective and saved ids."""
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    os.environ["HOME"] = "/nonexistent"
    if os.getuid() != uid or os.geteuid() != uid:
        raise PermissionError("could not drop privileges")


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _loader(endpoint: Endpoint) -> Any:
    def load(header: dict[str, Any]) -> dict[str, Any]:
        from tutor.testing.loader import module_from_source

        source = header.get("source")
        if not isinstance(source, str):
            raise ValueError("load without source")
        path = str(header.get("path"))
        # Tracebacks quote the learner's lines, which this process may not read from disk.
        linecache.cache[path] = (len(source), None, source.splitlines(True), path)
        module = module_from_source(source.encode(), Path(path))
        hid = endpoint.codec.export(module)  # alive until the next reset
        # A module-level __getattr__ (PEP 562) keeps working through the proxy module.
        names = {k: v for k, v in vars(module).items()
                 if not (k.startswith("__") and k.endswith("__")) or k == "__getattr__"}
        return {"name": module.__name__, "names": names, "module": hid}

    return load

