"""Reaching the shared worker: connect, check it is the right one, start one if needed.

:func:`connect` returns a socket to a worker whose fingerprint matches the
tutor on disk, having started a fresh worker (under a lock, so two terminals
never start two) when there was none, or retired a stale one. Anything that
makes the service unusable raises :class:`ServiceUnavailable` with a one-line
reason; the caller then grades with a private worker. No threads, no torch.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from tutor.grading.fingerprint import fingerprint, package_dir
from tutor.grading.protocol import ProtocolError, Ready, RetireOp, ShutdownOp, decode, encode_op
from tutor.grading.service_paths import (
    ServicePaths,
    ServiceUnavailable,
    idle_timeout_s,
    service_paths,
)
from tutor.grading.zygote_client import READY_TIMEOUT_S, WORKER_ENV

BIND_TIMEOUT_S = 30.0
"""A fresh worker binds its socket before importing torch: a Python start-up away."""


def _open(path: Path) -> socket.socket | None:
    """A connection to the socket at ``path``, or None when nobody listens there."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(str(path))
    except (FileNotFoundError, ConnectionRefusedError):
        sock.close()
        return None
    except OSError as error:
        sock.close()
        raise ServiceUnavailable(f"cannot connect to {path}: {error.strerror}") from None
    return sock


def read_hello(sock: socket.socket, timeout: float = READY_TIMEOUT_S) -> Ready | None:
    """The worker's first line (it comes once the worker has warmed up); None when the
    worker hung up first (it is exiting, or retired by another client)."""
    sock.settimeout(timeout)
    data = b""
    try:
        while b"\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                return None
            data += chunk
    except TimeoutError:
        raise ServiceUnavailable(f"the shared worker was not ready after {timeout:.0f} s"
                                 ) from None
    except OSError:  # reset: it closed its listener with us still in the queue
        return None
    finally:
        sock.settimeout(None)
    line, rest = data.split(b"\n", 1)
    if rest:  # the worker says nothing more until asked
        raise ServiceUnavailable("the shared worker sent more than its greeting")
    try:
        event = decode(line).event
    except ProtocolError as error:  # another protocol version: a stale worker
        return Ready(pid=0, threads=0, fingerprint=f"unreadable ({error})")
    if not isinstance(event, Ready):
        raise ServiceUnavailable(f"the shared worker greeted with {event.kind}")
    return event


@contextlib.contextmanager
def _start_lock(paths: ServicePaths) -> Iterator[None]:
    import fcntl  # POSIX only; this module is imported on Windows too (`tutor worker status`)

    fd = os.open(paths.lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def spawn(paths: ServicePaths) -> None:
    """Launch a detached worker and wait until its socket accepts connections."""
    env = {**os.environ, **WORKER_ENV}
    # The worker must import this very tutor, whatever its working directory.
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(package_dir().parent), os.environ.get("PYTHONPATH", "")) if p)
    log_fd = os.open(paths.log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(log_fd, "ab") as log:
        launcher = subprocess.Popen(
            [sys.executable, "-m", "tutor.grading.service", "--socket", str(paths.socket),
             "--idle", str(idle_timeout_s())],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env, cwd="/",
            start_new_session=True)
    launcher.wait()  # it forks the worker and leaves at once
    deadline = time.monotonic() + BIND_TIMEOUT_S
    while time.monotonic() < deadline:
        sock = _open(paths.socket)
        if sock is not None:
            sock.close()
            return
        time.sleep(0.02)
    raise ServiceUnavailable(f"the shared worker did not start (log: {paths.log})")


def _matching(paths: ServicePaths, expected: str) -> tuple[socket.socket, Ready] | None:
    """A connection to a worker with the expected fingerprint; a stale one is retired."""
    try:
        inode = paths.socket.stat().st_ino
    except OSError:
        return None
    sock = _open(paths.socket)
    if sock is None:
        return None
    try:
        hello = read_hello(sock)
    except ServiceUnavailable:
        sock.close()
        raise
    if hello is not None and hello.fingerprint == expected:
        return sock, hello
    if hello is not None:
        with contextlib.suppress(OSError):
            sock.sendall(encode_op(RetireOp()))
    sock.close()
    # Free the path now (the worker does it too, but asynchronously): the next connect
    # must find nobody rather than the stale worker's listener.
    with contextlib.suppress(OSError):
        if paths.socket.stat().st_ino == inode:
            paths.socket.unlink()
    return None


def connect() -> tuple[socket.socket, Ready, ServicePaths]:
    """A connection to an up-to-date shared worker, started if need be."""
    paths = service_paths()
    expected = fingerprint()
    found = _matching(paths, expected)
    if found is None:
        with _start_lock(paths):
            found = _matching(paths, expected)  # another client may have just started one
            if found is None:
                spawn(paths)
        found = found or _matching(paths, expected)
    if found is None:
        raise ServiceUnavailable(f"a fresh shared worker did not answer as expected (log: "
                                 f"{paths.log})")
    return (*found, paths)


def _greeted(paths: ServicePaths, then: bytes = b"") -> Ready | None:
    """The running worker's greeting (None: no worker), without starting one; ``then`` is
    sent to it after the greeting."""
    sock = _open(paths.socket)
    if sock is None:
        return None
    with sock:
        hello = read_hello(sock, timeout=10.0)
        if hello is not None and then:
            sock.sendall(then)
    return hello


def running_worker() -> tuple[Ready, ServicePaths] | None:
    """The running worker's greeting, without starting one (None: no worker)."""
    paths = service_paths()
    hello = _greeted(paths)
    return None if hello is None else (hello, paths)


def stop_worker(wait_s: float = 5.0) -> int | None:
    """Stop the running worker (its runs are killed); its pid, or None if none ran."""
    hello = _greeted(service_paths(), then=encode_op(ShutdownOp()))
    if hello is None:
        return None
    deadline = time.monotonic() + wait_s
    while hello.pid and _running(hello.pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    return hello.pid


def _running(pid: int) -> bool:
    """Whether ``pid`` is alive (a zombie nobody reaped yet counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
