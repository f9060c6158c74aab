"""Where the shared warm worker lives, and whether it may be used at all.

One worker per user, reached over a Unix socket in a private folder:
``$TUTOR_RUNTIME_DIR`` if set, else platformdirs' user runtime directory
(``$XDG_RUNTIME_DIR/tutor``), else ``<tempdir>/tutor-<uid>`` when there is no
runtime directory. The folder must be ours and closed to everyone else (0700);
anything else makes :func:`service_paths` raise :class:`ServiceUnavailable`, and
the grader falls back to a private worker of its own. No torch here.
"""

from __future__ import annotations

import os
import socket
import stat
import sys
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

MODE_ENV = "TUTOR_WORKER"
"""``private`` = never use the shared worker (tests that need isolation, debugging)."""
IDLE_ENV = "TUTOR_WORKER_IDLE_S"
RUNTIME_ENV = "TUTOR_RUNTIME_DIR"
DEFAULT_IDLE_S = 900.0
SOCKET_PATH_MAX = 100
"""sun_path holds 104-108 bytes depending on the OS; stay under all of them."""


class ServiceUnavailable(RuntimeError):
    """The shared worker cannot be used here; the message says why (one line)."""


@dataclass(frozen=True)
class ServicePaths:
    folder: Path
    socket: Path
    lock: Path
    log: Path


def idle_timeout_s() -> float:
    """Seconds an unused worker stays (``$TUTOR_WORKER_IDLE_S``, default 15 min)."""
    try:
        value = float(os.environ.get(IDLE_ENV, ""))
    except ValueError:
        return DEFAULT_IDLE_S
    return value if value > 0 else DEFAULT_IDLE_S


def shared_worker_refusal() -> str | None:
    """Why this process must not use the shared worker, or None when it may."""
    if os.environ.get(MODE_ENV, "").lower() == "private":
        return f"{MODE_ENV}=private"
    if not hasattr(socket, "AF_UNIX") or not hasattr(os, "fork") or sys.platform == "win32":
        return "no Unix sockets or fork() on this platform"
    return None


def runtime_folder() -> Path:
    """The folder the socket goes in (not yet created or checked)."""
    if os.environ.get(RUNTIME_ENV):
        return Path(os.environ[RUNTIME_ENV])
    base = os.environ.get("XDG_RUNTIME_DIR", "")
    if sys.platform.startswith("linux") and not (base and os.path.isdir(base)):
        # platformdirs would warn and invent /tmp/runtime-<uid>; name our own instead.
        return Path(tempfile.gettempdir()) / f"tutor-{os.getuid()}"
    import platformdirs

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Path(platformdirs.user_runtime_dir("tutor", appauthor=False))


def service_paths() -> ServicePaths:
    """The worker's socket, lock and log, in a folder checked to be private."""
    refusal = shared_worker_refusal()
    if refusal:
        raise ServiceUnavailable(refusal)
    folder = runtime_folder()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise ServiceUnavailable(f"cannot create {folder}: {error.strerror}") from None
    _check_private(folder)
    if not os.access(folder, os.W_OK):
        raise ServiceUnavailable(f"{folder} is not writable")
    paths = ServicePaths(folder, folder / "worker.sock", folder / "worker.lock",
                         folder / "worker.log")
    if len(os.fsencode(paths.socket)) > SOCKET_PATH_MAX:
        raise ServiceUnavailable(f"socket path too long for AF_UNIX: {paths.socket}")
    _check_socket(paths.socket)
    return paths


def _check_private(folder: Path) -> None:
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode):
        raise ServiceUnavailable(f"{folder} is not a folder (a link?)")
    if info.st_uid != os.getuid():
        raise ServiceUnavailable(f"{folder} belongs to uid {info.st_uid}, not to you")
    if info.st_mode & 0o077:
        try:  # ours but too open (made by hand?): close it, never share it
            os.chmod(folder, 0o700)
        except OSError as error:
            raise ServiceUnavailable(f"{folder} is open to others and cannot be "
                                     f"closed: {error.strerror}") from None


def _check_socket(path: Path) -> None:
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    if not stat.S_ISSOCK(info.st_mode):
        raise ServiceUnavailable(f"{path} exists and is not a socket")
    if info.st_uid != os.getuid():
        raise ServiceUnavailable(f"{path} belongs to uid {info.st_uid}, not to you")
