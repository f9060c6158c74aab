"""The client side of the shared worker, with ZygoteClient's interface.

``start()`` connects in a background thread (the first client of the day also
launches the worker and waits for its warm-up); ``submit`` sends a run and
returns the queue its events arrive on; a reader thread routes them by run id.
When the service cannot be used (:class:`ServiceUnavailable`), the client
says why in :attr:`fallback_reason` and delegates everything to a private
:class:`ZygoteClient`, as every client did before the shared worker existed.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import queue
import socket
import threading

from tutor.grading.protocol import (
    Event,
    GraderFailed,
    ProtocolError,
    Ready,
    RunOp,
    decode,
    encode_op,
)
from tutor.grading.request import GradeRequest
from tutor.grading.service_paths import ServicePaths
from tutor.grading.zygote_client import READY_TIMEOUT_S, ZygoteClient, ZygoteUnavailable

Events = queue.Queue[Event]


class SharedWorkerClient:
    """Runs on the user's shared warm worker, or on a private one when that is impossible."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._connecting: threading.Thread | None = None
        self._ready = threading.Event()
        self._queues: dict[int, tuple[socket.socket, Events]] = {}
        self._ids = itertools.count(1)
        self._hello: Ready | None = None
        self.paths: ServicePaths | None = None
        self.private: ZygoteClient | None = None
        self.fallback_reason: str | None = None
        """Why the shared worker is not used (one line), once that is known."""

    @property
    def info(self) -> Ready | None:
        """The worker's greeting (pid, fingerprint, timings) once connected."""
        return self.private.info if self.private is not None else self._hello

    @property
    def alive(self) -> bool:
        return self.private.alive if self.private is not None else self._sock is not None

    def start(self) -> None:
        """Connect (or fall back) in the background; returns at once."""
        with self._lock:
            if self.private is not None:
                self.private.start()
                return
            if self._sock is not None or (self._connecting is not None
                                          and self._connecting.is_alive()):
                return
            self._ready.clear()
            self._connecting = threading.Thread(target=self._connect, daemon=True,
                                                name="tutor-worker-connect")
            self._connecting.start()

    def _connect(self) -> None:
        from tutor.grading.service_link import connect  # only once a run is wanted

        try:
            sock, hello, paths = connect()
        except Exception as error:  # ServiceUnavailable, OSError, or a surprise: never a crash
            with self._lock:
                self.fallback_reason = str(error) or type(error).__name__
                self.private = ZygoteClient()
                self.private.start()
            self._ready.set()
            return
        with self._lock:
            self._sock, self._hello, self.paths = sock, hello, paths
        threading.Thread(target=self._read, args=(sock,), daemon=True,
                         name="tutor-worker-reader").start()
        self._ready.set()

    def wait_ready(self, timeout: float = READY_TIMEOUT_S) -> None:
        for _attempt in range(3):  # a worker retired just now: the next connect starts one
            self.start()
            if not self._ready.wait(timeout):
                raise ZygoteUnavailable(f"the shared grading worker was not ready after "
                                        f"{timeout:.0f} s")
            if self.private is not None:
                self.private.wait_ready(timeout)
                return
            if self._sock is not None:
                return
        raise ZygoteUnavailable("the shared grading worker went away")

    def submit(self, request: GradeRequest) -> Events:
        """Start one run; its events arrive on the returned queue until ``Exited``."""
        for _attempt in range(2):
            self.wait_ready()
            if self.private is not None:
                return self.private.submit(request)
            run_id = next(self._ids)
            events: Events = queue.Queue()
            message = encode_op(RunOp(run_id, request, _cwd()))
            with self._lock:
                sock = self._sock
                if sock is not None:
                    self._queues[run_id] = (sock, events)
                    try:
                        sock.sendall(message)
                        return events
                    except OSError:
                        del self._queues[run_id]
                        self._forget(sock)
            self.start()
        raise ZygoteUnavailable("could not send a run to the shared grading worker")

    def release(self, events: Events) -> None:
        if self.private is not None:
            self.private.release(events)
            return
        with self._lock:
            for run_id, (_, q) in list(self._queues.items()):
                if q is events:
                    del self._queues[run_id]

    def _forget(self, sock: socket.socket, hang_up: bool = True) -> None:
        """Under the lock: send no more runs on ``sock``; the next submit reconnects.

        ``hang_up`` also ends the connection (the worker kills its runs in flight);
        without it the runs in flight finish and the worker closes it.
        """
        if self._sock is sock:
            self._sock = None
        if hang_up:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _read(self, sock: socket.socket) -> None:
        buffer = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                self._route(sock, line)
        with self._lock:
            self._forget(sock)
            orphans = [q for run_id, (s, q) in self._queues.items() if s is sock]
        sock.close()
        for events in orphans:
            events.put(GraderFailed("the shared grading worker closed the connection"))

    def _route(self, sock: socket.socket, line: bytes) -> None:
        try:
            envelope = decode(line)
        except ProtocolError:
            return
        with self._lock:
            if isinstance(envelope.event, GraderFailed):
                # That worker is spent: the retry needs a fresh one.
                self._forget(sock, hang_up=False)
            target = self._queues.get(envelope.run if envelope.run is not None else -1)
        if target is not None:
            target[1].put(envelope.event)

    def close(self) -> None:
        """Disconnect (the shared worker stays for the next client) or stop the private one."""
        if self.private is not None:
            self.private.close()
            return
        with self._lock:
            sock = self._sock
            if sock is not None:
                self._forget(sock)


def _cwd() -> str:
    try:
        return os.getcwd()
    except OSError:  # the folder was removed under us
        return ""
