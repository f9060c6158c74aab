"""Check files rewritten for pytest's assertions once, in the warm worker, not in every run.

pytest compiles each check file with its assertions rewritten when it imports it
(about 7 ms for lesson04's broadcast_shape checks, 15 ms for lesson07's
gradient_check, on the 2-core reference machine). It would cache the result as a pyc
beside the file, but a grading run writes no bytecode (the learner's folder and an
installed course stay clean), so every run paid it again. The worker now rewrites
the files of a request before it forks (:func:`prepare`); the child's pytest finds
the code through :func:`install`, keyed on the file's path, size and mtime, so an
edited check file is rewritten again.

In strict isolation the learner's process is forked from the run and inherits
the cache; it must not keep the checks' compiled code (their constants may hold
expected values), so it calls :func:`forget` before it reads any learner code.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from types import CodeType
from typing import Any

_rewritten: dict[str, tuple[int, int, CodeType]] = {}
"""Absolute path → (mtime_ns, size, rewritten code) of the file it was made from."""


def files_of(checks: Iterable[Path], pack_root: Path) -> list[Path]:
    """The check files and every ``conftest.py`` from ``pack_root`` down to them:
    what pytest rewrites when it collects ``checks``."""
    found: list[Path] = []
    root = pack_root.resolve()
    for check in checks:
        check = check.resolve()
        folder = check.parent
        while True:
            conftest = folder / "conftest.py"
            if conftest not in found and conftest.is_file():
                found.append(conftest)
            if folder == root or folder == folder.parent or root not in folder.parents:
                break
            folder = folder.parent
        if check.is_file() and check not in found:
            found.append(check)
    return found


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def prepare(paths: Iterable[Path]) -> None:
    """Rewrite each file not cached in its current version (in the worker, before a fork).

    A file pytest cannot compile is left out: the run reports it with pytest's own
    message.
    """
    try:
        from _pytest.assertion.rewrite import _rewrite_test
    except ImportError:  # another pytest: the runs rewrite as pytest does
        return
    for path in paths:
        identity = _identity(path)
        cached = _rewritten.get(str(path))
        if identity is None or (cached is not None and cached[:2] == identity):
            continue
        try:
            # config None: the rewriter's defaults, which is what the grader's own
            # pytest.ini asks for (it sets no assertion options).
            stat, code = _rewrite_test(path, None)  # type: ignore[arg-type]
        except Exception:  # noqa: BLE001 - a syntax error is the run's to report
            _rewritten.pop(str(path), None)
            continue
        _rewritten[str(path)] = (stat.st_mtime_ns, stat.st_size, code)


def forget() -> None:
    """Drop every cached file (the learner's process of a strict-isolation run)."""
    _rewritten.clear()


def install() -> None:
    """Let this process's pytest take rewritten code from the cache (in the child).

    pytest asks ``_read_pyc`` for a cached rewrite before it rewrites a file; the
    cache answers first for the files it holds in their current version. Anything
    unexpected in pytest's internals leaves its own function in charge.
    """
    try:
        from _pytest.assertion import rewrite
    except ImportError:
        return
    original = getattr(rewrite, "_read_pyc", None)
    if original is None or getattr(original, "tutor_cached", False):
        return

    def read_pyc(source: Path, pyc: Path, *args: Any, **kwargs: Any) -> CodeType | None:
        cached = _rewritten.get(os.fspath(source))
        if cached is not None and _identity(Path(source)) == cached[:2]:
            return cached[2]
        return original(source, pyc, *args, **kwargs)  # type: ignore[no-any-return]

    read_pyc.tutor_cached = True  # type: ignore[attr-defined]
    rewrite._read_pyc = read_pyc
