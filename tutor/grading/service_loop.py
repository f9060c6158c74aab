"""The shared worker's event loop: many clients, one thread, one fork per run.

See tutor/grading/service.py for the lifecycle. Everything here runs in the
worker's only thread; nothing blocks on a client (non-blocking sockets with
output buffers) or on a child (runs whose pipe closed are reaped with WNOHANG).
"""

from __future__ import annotations

import contextlib
import gc
import os
import selectors
import signal
import socket
import struct
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import tutor
from tutor.grading.child import preload
from tutor.grading.protocol import (
    Event,
    Exited,
    GraderFailed,
    ProtocolError,
    Ready,
    RetireOp,
    RunOp,
    ShutdownOp,
    Started,
    decode_op,
    encode,
    split_events,
)
from tutor.grading.zygote import _become_child, _read_tail, _thread_count

OUTPUT_BUFFER_MAX = 64 * 1024 * 1024
"""A client that lets this much of its events pile up is gone or stuck: drop it."""
REAP_POLL_S = 0.02


@dataclass(eq=False)
class _Client:
    sock: socket.socket
    inbox: bytes = b""
    outbox: bytearray = field(default_factory=bytearray)
    runs: int = 0
    """Runs in flight for this client."""


@dataclass(eq=False)
class _Run:
    run: int
    pid: int
    output: str
    client: _Client | None
    """None once the client went away (the run was killed; nobody to tell)."""
    buffer: bytes = b""


class Service:
    """Accepts clients, forks their runs, relays each run's events to its client."""

    def __init__(self, listener: socket.socket, socket_path: Path, fingerprint: str,
                 idle_s: float, started: float, timings: dict[str, float]) -> None:
        self.listener: socket.socket | None = listener
        self.socket_path = socket_path
        self.socket_inode = os.stat(socket_path).st_ino
        self.fingerprint = fingerprint
        self.idle_s = idle_s
        self.started = started
        self.timings = timings
        self.selector = selectors.DefaultSelector()
        self.clients: set[_Client] = set()
        self.runs: dict[int, _Run] = {}
        """Result-pipe fd → run."""
        self.reaping: list[_Run] = []
        """Runs whose pipe closed but whose process has not exited yet."""
        self.runs_served = 0
        self.retired = False
        self.stopping = False
        self.idle_since = time.monotonic()
        listener.setblocking(False)
        self.selector.register(listener, selectors.EVENT_READ, None)
        self.baseline_threads = _thread_count()

    # -- the loop -------------------------------------------------------------

    def serve(self) -> None:
        while not self.stopping:
            busy = bool(self.clients or self.runs or self.reaping)
            if busy:
                self.idle_since = time.monotonic()
            elif self.retired or time.monotonic() - self.idle_since >= self.idle_s:
                return
            timeout = REAP_POLL_S if self.reaping else (
                None if busy else max(0.0, self.idle_since + self.idle_s - time.monotonic()))
            for key, mask in self.selector.select(timeout):
                if key.data is None:
                    self.accept()
                elif isinstance(key.data, _Run):
                    self.relay(key.fd, key.data)
                elif isinstance(key.data, _Client):
                    if mask & selectors.EVENT_WRITE:
                        self.flush(key.data)
                    if mask & selectors.EVENT_READ and key.data in self.clients:
                        self.receive(key.data)
            self.reap()

    def accept(self) -> None:
        if self.listener is None:  # retired earlier in this same batch of events
            return
        try:
            sock, _ = self.listener.accept()
        except (BlockingIOError, InterruptedError):
            return
        if not _same_user(sock):
            sock.close()
            return
        sock.setblocking(False)
        client = _Client(sock)
        self.clients.add(client)
        self.selector.register(sock, selectors.EVENT_READ, client)
        self.send(client, self.hello())

    def hello(self) -> Ready:
        return Ready(os.getpid(), self.baseline_threads, self.timings.get("import_s", 0.0),
                     self.timings.get("warmup_s", 0.0), fingerprint=self.fingerprint,
                     version=tutor.__version__, uptime_s=round(time.time() - self.started, 1),
                     idle_timeout_s=self.idle_s, runs_served=self.runs_served,
                     clients=len(self.clients))

    # -- clients --------------------------------------------------------------

    def receive(self, client: _Client) -> None:
        try:
            chunk = client.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:
            self.drop(client)
            return
        client.inbox += chunk
        while b"\n" in client.inbox and client in self.clients:
            line, client.inbox = client.inbox.split(b"\n", 1)
            if not line.strip():
                continue
            try:
                op = decode_op(line)
            except ProtocolError as error:
                print(f"worker: ignored a bad line: {error}", file=sys.stderr, flush=True)
                continue
            if isinstance(op, ShutdownOp):
                self.stopping = True
            elif isinstance(op, RetireOp):
                self.retire()
            else:
                self.start_run(client, op)

    def send(self, client: _Client, event: Event, run: int | None = None) -> None:
        client.outbox += encode(event, run)
        self.flush(client)

    def flush(self, client: _Client) -> None:
        if client not in self.clients:
            return
        try:
            while client.outbox:
                sent = client.sock.send(client.outbox)
                del client.outbox[:sent]
        except (BlockingIOError, InterruptedError):
            pass
        except OSError:
            self.drop(client)
            return
        if len(client.outbox) > OUTPUT_BUFFER_MAX:
            self.drop(client)
            return
        wanted = selectors.EVENT_READ | (selectors.EVENT_WRITE if client.outbox else 0)
        if self.selector.get_key(client.sock).events != wanted:
            self.selector.modify(client.sock, wanted, client)
        if self.retired and not client.runs and not client.outbox:
            self.drop(client)  # idle: let it reconnect to the fresh worker

    def drop(self, client: _Client) -> None:
        """The client is gone (or dropped): kill its runs, forget it."""
        if client not in self.clients:
            return
        self.clients.discard(client)
        for run in [*self.runs.values(), *self.reaping]:
            if run.client is client:
                run.client = None
                _kill_group(run.pid)
        self.selector.unregister(client.sock)
        client.sock.close()

    # -- runs -----------------------------------------------------------------

    def start_run(self, client: _Client, op: RunOp) -> None:
        if _thread_count() != self.baseline_threads:
            # Forking a multi-threaded process can deadlock the child: this worker is
            # spent. The client retries on a fresh one.
            self.send(client, GraderFailed(f"worker has {_thread_count()} threads, expected "
                                           f"{self.baseline_threads}; restarting"), op.run)
            self.retire()
            return
        preload(op.request)  # as the private worker does: once here, not in every child
        read_fd, write_fd = os.pipe()
        output_fd, output_path = tempfile.mkstemp(prefix="tutor-run-", suffix=".log")
        gc.freeze()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            self._close_in_child()
            with contextlib.suppress(OSError):  # the client's folder (gone: stay in /)
                os.chdir(op.cwd or op.request.pack_root)
            _become_child(op.request, write_fd, output_fd)
        os.close(write_fd)
        os.close(output_fd)
        run = _Run(op.run, pid, output_path, client)
        self.runs[read_fd] = run
        self.selector.register(read_fd, selectors.EVENT_READ, run)
        client.runs += 1
        self.runs_served += 1
        self.send(client, Started(pid, output_path), op.run)

    def _close_in_child(self) -> None:
        """The child keeps no other client's connection, run pipe or the listener."""
        sockets = [client.sock for client in self.clients]
        if self.listener is not None:
            sockets.append(self.listener)
        for sock in sockets:
            with contextlib.suppress(OSError):
                os.close(sock.detach())
        for fd in self.runs:
            with contextlib.suppress(OSError):
                os.close(fd)
        self.selector.close()

    def relay(self, fd: int, run: _Run) -> None:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            chunk = b""
        events, run.buffer = split_events(run.buffer + chunk)
        for event in events:
            if run.client is not None:
                self.send(run.client, event, run.run)
        if not chunk:
            self.selector.unregister(fd)
            os.close(fd)
            del self.runs[fd]
            self.reaping.append(run)

    def reap(self) -> None:
        """Finish runs whose pipe closed, once their process has exited (never blocks)."""
        for run in list(self.reaping):
            try:
                pid, status = os.waitpid(run.pid, os.WNOHANG)
            except ChildProcessError:
                pid, status = run.pid, 0
            if pid == 0:
                continue
            self.reaping.remove(run)
            _kill_group(run.pid)  # leftovers the learner's code started
            tail = _read_tail(run.output)
            client = run.client
            if client is None or client not in self.clients:
                continue
            client.runs -= 1
            if os.WIFSIGNALED(status):
                self.send(client, Exited(None, os.WTERMSIG(status), tail), run.run)
            else:
                self.send(client, Exited(os.WEXITSTATUS(status), None, tail), run.run)

    # -- ending ---------------------------------------------------------------

    def retire(self) -> None:
        """Accept no one new and free the socket path; idle clients are let go."""
        if self.retired:
            return
        self.retired = True
        if self.listener is not None:
            self.selector.unregister(self.listener)
            self.listener.close()
            self.listener = None
        self._unlink_own_socket()
        for client in list(self.clients):
            self.flush(client)

    def _unlink_own_socket(self) -> None:
        with contextlib.suppress(OSError):  # a fresh worker's socket is left alone
            if os.stat(self.socket_path).st_ino == self.socket_inode:
                os.unlink(self.socket_path)

    def close(self) -> None:
        """Kill every run, drop every client, free the socket path."""
        self._unlink_own_socket()
        for run in [*self.runs.values(), *self.reaping]:
            _kill_group(run.pid)
        for client in list(self.clients):
            self.drop(client)
        for run in [*self.runs.values(), *self.reaping]:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(run.pid, 0)
            _read_tail(run.output)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)


def _same_user(sock: socket.socket) -> bool:
    """Linux tells us who connected; anyone but our own user is refused (belt and braces:
    the folder is already 0700)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return True
    try:
        _, uid, _ = struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, option,
                                                        struct.calcsize("3i")))
    except OSError:
        return False
    return bool(uid == os.getuid())
