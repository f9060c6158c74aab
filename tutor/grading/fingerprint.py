"""What makes a warm worker the right one: tutor's sources, Python, torch.

The shared worker computes this when it starts; every client computes it from
the files on disk when it connects. Any difference (an upgraded or edited
tutor, another virtual environment, another torch) means the worker imported
other code than the client would, so the client retires it and starts a fresh
one. Hashing the sources (about 130 files) takes a few milliseconds. No torch.
"""

from __future__ import annotations

import hashlib
import os
import sys
from importlib import metadata
from pathlib import Path

import tutor

SOURCE_SUFFIXES = (".py", ".ini")
SKIPPED_FOLDERS = {"__pycache__", "_course"}
"""The bundled course is read afresh by every run, so it never makes a worker stale."""


def package_dir() -> Path:
    return Path(tutor.__file__).resolve().parent


def _torch_version() -> str:
    try:
        return metadata.version("torch")
    except metadata.PackageNotFoundError:
        return "none"


def source_files(root: Path) -> list[Path]:
    """Every source file of the package under ``root``, in a stable order."""
    found: list[Path] = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED_FOLDERS]
        found.extend(Path(folder, name) for name in files if name.endswith(SOURCE_SUFFIXES))
    return sorted(found)


def fingerprint(root: Path | None = None) -> str:
    """A hex digest of the tutor sources under ``root`` (default: the imported package),
    the package's location, this Python and the installed torch."""
    root = root or package_dir()
    digest = hashlib.sha256()
    for part in (tutor.__version__, str(root), sys.executable, sys.version, _torch_version()):
        digest.update(part.encode() + b"\0")
    for path in source_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:  # removed while we looked: the digest differs, which is right
            digest.update(b"\1")
        digest.update(b"\0")
    return digest.hexdigest()[:32]
