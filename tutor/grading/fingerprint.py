"""What makes a warm worker the right one: tutor's sources, Python, torch.

The shared worker computes this when it starts; every client computes it from
the files on disk when it connects. Any difference (an upgraded or edited
tutor, another virtual environment, another torch) means the worker imported
other code than the client would, so the client retires it and starts a fresh
one. Hashing the sources (about 115 files) takes about 10 ms. No torch.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from pathlib import Path

import tutor

SOURCE_SUFFIXES = (".py", ".ini")
DEVICE_ENV = ("CUDA_VISIBLE_DEVICES", "HIP_VISIBLE_DEVICES")
"""Which GPUs a run sees is fixed when the worker starts, so it is part of who it is."""
SKIPPED_FOLDERS = {"__pycache__", "_course"}
"""The bundled course is read afresh by every run, so it never makes a worker stale."""


def package_dir() -> Path:
    return Path(tutor.__file__).resolve().parent


def _torch_identity() -> bytes:
    """torch's location and its generated version.py (rewritten by every install).

    Cheaper than importlib.metadata (which imports the email package): torch is
    located, never imported.
    """
    try:
        spec = importlib.util.find_spec("torch")
    except (ImportError, ValueError):
        spec = None
    if spec is None or spec.origin is None:
        return b"no torch"
    version_file = Path(spec.origin).with_name("version.py")
    try:
        return spec.origin.encode() + b"\0" + version_file.read_bytes()
    except OSError:
        return spec.origin.encode()


def source_files(root: Path) -> list[Path]:
    """Every source file of the package under ``root``, in a stable order."""
    found: list[Path] = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED_FOLDERS]
        found.extend(Path(folder, name) for name in files if name.endswith(SOURCE_SUFFIXES))
    return sorted(found)


def fingerprint(root: Path | None = None) -> str:
    """A hex digest of the tutor sources under ``root`` (default: the imported package),
    the package's location, this Python, the installed torch and the visible GPUs."""
    root = root or package_dir()
    digest = hashlib.sha256()
    devices = [f"{name}={os.environ.get(name)}" for name in DEVICE_ENV]
    for part in (tutor.__version__, str(root), sys.executable, sys.version, *devices):
        digest.update(part.encode() + b"\0")
    digest.update(_torch_identity() + b"\0")
    for path in source_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:  # removed while we looked: the digest differs, which is right
            digest.update(b"\1")
        digest.update(b"\0")
    return digest.hexdigest()[:32]
