"""Landlock: the learner process sees only what running Python code needs.

Linux ≥ 5.13 lets an unprivileged process give up file access for good
(landlock(7)). The learner process keeps read access to the Python install,
the libraries on ``sys.path`` (of a pack checkout only the ``tutor`` package,
never its solutions or checks), system folders, and read-write access to one
scratch folder; it loses the rest, results and output files included. Where
the kernel supports it (ABI 6) it also may not signal processes outside itself.
Nothing here needs root; where Landlock is missing it is skipped (the uid drop
still applies under root).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import struct
import sys
from pathlib import Path

CREATE_RULESET, ADD_RULE, RESTRICT_SELF = 444, 445, 446
RULE_PATH_BENEATH = 1
EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
WRITES = sum(1 << bit for bit in range(4, 13))  # remove, make dir/file/sock/fifo/symlink …
READ = EXECUTE | READ_FILE | READ_DIR
ALL_V1 = READ | WRITE_FILE | WRITES
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1, 2
SYSTEM_READ = ("/usr", "/lib", "/lib64", "/bin", "/etc", "/proc", "/sys", "/opt")
SYSTEM_WRITE = ("/dev",)


def landlock_abi() -> int:
    if not sys.platform.startswith("linux"):
        return 0
    libc = ctypes.CDLL(None, use_errno=True)
    version = libc.syscall(CREATE_RULESET, None, 0, 1)  # LANDLOCK_CREATE_RULESET_VERSION
    return max(0, int(version))


def readable_roots(pack_root: Path) -> list[Path]:
    """Folders the learner may read: Python, its libraries, system folders; not the pack."""
    pack = pack_root.resolve()
    # A virtual environment is Python's, wherever it lies: a checkout's own `.venv` sits
    # inside the pack (as CI's does), and torch imports modules lazily from it.
    environments = [Path(p).resolve() for p in {sys.prefix, sys.exec_prefix}
                    if (Path(p) / "pyvenv.cfg").is_file()]
    roots: list[Path] = []
    for entry in [sys.prefix, sys.base_prefix, sys.exec_prefix, *sys.path]:
        if not entry:
            continue
        path = Path(entry).resolve()
        if (path / "pack.toml").is_file() or path == pack or \
                pack.is_relative_to(path) and path != Path("/"):
            if (path / "tutor").is_dir():  # a checkout: the app's package only
                roots.append(path / "tutor")
            continue
        inside_environment = any(path.is_relative_to(env) for env in environments)
        if (path.is_relative_to(pack) and not inside_environment) or path == Path("/"):
            continue
        roots.append(path)
    roots += [Path(p) for p in SYSTEM_READ]
    return [r for r in dict.fromkeys(roots) if r.exists()]


def restrict(pack_root: Path, scratch: Path) -> bool:
    """Apply the rules to this process for good; False where Landlock is unavailable."""
    abi = landlock_abi()
    if abi < 1:
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL if abi >= 6 else 0
    attr = struct.pack("QQQ", ALL_V1, 0, scoped) if abi >= 6 else struct.pack("Q", ALL_V1)
    ruleset = libc.syscall(CREATE_RULESET, attr, len(attr), 0)
    if ruleset < 0:
        return False
    try:
        rules = [(p, READ) for p in readable_roots(pack_root)]
        rules += [(Path(p), ALL_V1) for p in SYSTEM_WRITE] + [(scratch, ALL_V1)]
        for path, access in rules:
            _allow(libc, ruleset, path, access)
        if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS, required first
            return False
        return bool(libc.syscall(RESTRICT_SELF, ruleset, 0) == 0)
    finally:
        os.close(ruleset)


def _allow(libc: ctypes.CDLL, ruleset: int, path: Path, access: int) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
        try:
            if not path.is_dir():
                access &= EXECUTE | WRITE_FILE | READ_FILE
            rule = struct.pack("=Qi", access, fd)
            libc.syscall(ADD_RULE, ruleset, RULE_PATH_BENEATH, rule, 0)
        finally:
            os.close(fd)
