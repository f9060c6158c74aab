"""``tutor pack add|list|remove``: install packs into ``$TUTOR_HOME/packs/<id>``.

Archives are unpacked member by member after checking each one: a member that
would land outside the target (``../``, an absolute path) or that is a link or
device is refused, and nothing is installed.
"""

from __future__ import annotations

import shutil
import tarfile
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from tutor.course import BUILTIN_PACK_ID, Pack, PackError, load_pack
from tutor.course.registry import installed_packs, packs_dir


class UnsafeArchive(Exception):
    """An archive member would escape the target folder or is not a plain file."""


def _safe_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or (path.parts and ":" in path.parts[0]):
        raise UnsafeArchive(f"member '{name}' has an absolute path")
    if ".." in path.parts:
        raise UnsafeArchive(f"member '{name}' would be written outside the pack folder")
    return path


def _extract_zip(archive: Path, target: Path) -> None:
    with zipfile.ZipFile(archive) as bundle:
        for info in bundle.infolist():
            relative = _safe_name(info.filename)
            mode = (info.external_attr >> 16) & 0o170000
            if mode == 0o120000:
                raise UnsafeArchive(f"member '{info.filename}' is a symbolic link")
            destination = target / relative
            if info.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            with bundle.open(info) as source, open(destination, "wb") as sink:
                shutil.copyfileobj(source, sink)


def _extract_tar(archive: Path, target: Path) -> None:
    with tarfile.open(archive) as bundle:
        for member in bundle.getmembers():
            relative = _safe_name(member.name)
            if member.issym() or member.islnk():
                raise UnsafeArchive(f"member '{member.name}' is a link")
            if not (member.isfile() or member.isdir()):
                raise UnsafeArchive(f"member '{member.name}' is not a plain file or folder")
            destination = target / relative
            if member.isdir():
                destination.mkdir(parents=True, exist_ok=True)
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            source = bundle.extractfile(member)
            assert source is not None
            with source, open(destination, "wb") as sink:
                shutil.copyfileobj(source, sink)


def _pack_folder(unpacked: Path) -> Path:
    """The folder holding pack.toml: the archive root or its single top folder."""
    if (unpacked / "pack.toml").is_file():
        return unpacked
    children = [p for p in unpacked.iterdir() if p.is_dir()]
    if len(children) == 1 and (children[0] / "pack.toml").is_file():
        return children[0]
    raise PackError(unpacked, "", "the archive has no pack.toml at its top (or in one "
                                  "top-level folder)")


def add_pack(source: Path, replace: bool = False) -> Pack:
    """Install a pack folder or archive; returns the installed pack.

    Raises:
        PackError: invalid pack or already installed; UnsafeArchive: refused archive.
    """
    with tempfile.TemporaryDirectory(prefix="tutor-pack-") as scratch:
        if source.is_dir():
            folder = source
        else:
            unpacked = Path(scratch) / "unpacked"
            unpacked.mkdir()
            name = source.name.lower()
            if name.endswith(".zip"):
                _extract_zip(source, unpacked)
            elif name.endswith((".tar.gz", ".tgz", ".tar")):
                _extract_tar(source, unpacked)
            else:
                raise PackError(source, "", "expected a pack folder, a .zip or a .tar.gz")
            folder = _pack_folder(unpacked)
        pack = load_pack(folder)
        if pack.id == BUILTIN_PACK_ID:
            raise PackError(folder / "pack.toml", "id", "that id belongs to the built-in "
                                                       "course; choose another")
        destination = packs_dir() / pack.id
        if destination.exists():
            if not (replace or _is_upgrade(destination, pack.version)):
                raise PackError(folder / "pack.toml", "id", f"a pack '{pack.id}' is already "
                                                           "installed (same or newer version); "
                                                           "use --replace")
            shutil.rmtree(destination)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(folder, destination,
                        ignore=shutil.ignore_patterns("__pycache__", ".git", "*.pyc"))
    return load_pack(destination)


def _is_upgrade(installed_root: Path, new_version: str) -> bool:
    """True when ``new_version`` is newer than the installed pack's (PEP 440 order)."""
    from packaging.version import InvalidVersion, Version

    try:
        return Version(new_version) > Version(load_pack(installed_root).version)
    except (InvalidVersion, PackError):
        return False


def list_packs() -> list[tuple[str, Path, Pack | None, str]]:
    """(id, root, pack or None, error) for every installed pack."""
    rows: list[tuple[str, Path, Pack | None, str]] = []
    for pack_id, root in installed_packs().items():
        try:
            rows.append((pack_id, root, load_pack(root), ""))
        except PackError as error:
            rows.append((pack_id, root, None, str(error)))
    return rows


def remove_pack(pack_id: str) -> Path:
    target = packs_dir() / pack_id
    if pack_id == BUILTIN_PACK_ID:
        raise PackError(target, "", "the built-in course cannot be removed")
    if not (target / "pack.toml").is_file():
        raise PackError(target, "", f"no pack '{pack_id}' was added with `tutor pack add`")
    shutil.rmtree(target)
    return target
