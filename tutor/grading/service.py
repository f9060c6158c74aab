"""The shared warm worker: one per user, serving every client over a Unix socket.

``python -m tutor.grading.service --socket PATH --idle SECONDS`` detaches
(double fork, own session), binds the socket owner-only, imports torch and
pytest once (the zygote's warm-up) and then serves: each client connection
gets ``Ready`` (who the worker is: pid, fingerprint, version, uptime), then
sends ``RunOp``s; every run is its own forked child, whose events the worker
relays to that connection tagged with the client's run id, then ``Exited``.

One thread only: forking a threaded process can deadlock the child, so clients
are multiplexed with a selector, sockets are non-blocking, and output waits in
a per-connection buffer (a slow client never stalls another). A client that
disconnects gets its runs killed. ``RetireOp`` (a client found the worker
stale) frees the socket path, finishes the runs in flight and exits once its
clients are idle; ``ShutdownOp`` (``tutor worker stop``) kills every run and
exits; with no client and no run for the idle timeout the worker exits too.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from tutor.grading.service_loop import Service


def _detach() -> None:
    """Double fork: the client that launched us reaps the middle process at once."""
    if os.fork() > 0:
        os._exit(0)
    os.setsid()
    if os.fork() > 0:
        os._exit(0)
    os.chdir("/")


@contextlib.contextmanager
def _bound(path: Path) -> Iterator[socket.socket]:
    """A listening socket at ``path``, mode 0600 from birth, swapped in atomically."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    staging = path.with_name(f".{path.name}.{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    old_umask = os.umask(0o177)
    try:
        listener.bind(str(staging))
    finally:
        os.umask(old_umask)
    os.chmod(staging, 0o600)
    listener.listen(64)
    # rename() replaces a dead worker's socket file in one step: no moment without one.
    os.replace(staging, path)
    inode = os.stat(path).st_ino
    try:
        yield listener
    finally:
        listener.close()
        with contextlib.suppress(OSError):  # a fresh worker's socket is left alone
            if os.stat(path).st_ino == inode:
                os.unlink(path)


def _trim_log() -> None:
    """stdout/stderr are the log file (opened by the client); keep it from growing forever."""
    with contextlib.suppress(OSError):
        if os.fstat(2).st_size > 4 * 1024 * 1024:
            os.ftruncate(2, 0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tutor.grading.service")
    parser.add_argument("--socket", required=True, type=Path)
    parser.add_argument("--idle", type=float, default=900.0)
    parser.add_argument("--foreground", action="store_true", help="do not detach (debugging)")
    args = parser.parse_args(argv)
    if not args.foreground:
        _detach()
    _trim_log()
    started = time.time()
    # The sources as they are on disk now, before warm_up imports the rest of them.
    from tutor.grading.fingerprint import fingerprint

    own_fingerprint = fingerprint()
    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    with _bound(args.socket) as listener:
        print(f"[{time.strftime('%H:%M:%S')}] worker {os.getpid()} listening on {args.socket}",
              file=sys.stderr, flush=True)
        from tutor.grading.zygote import warm_up

        timings = warm_up()
        service = Service(listener, args.socket, own_fingerprint, args.idle, started, timings)
        try:
            service.serve()
        finally:
            service.close()
    print(f"[{time.strftime('%H:%M:%S')}] worker {os.getpid()} exited after "
          f"{service.runs_served} runs", file=sys.stderr, flush=True)


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    main()
