"""Installed packs: the built-in course, packs added with ``tutor pack add``, and
packs shipped as Python distributions (entry point group ``torch_tutor.packs``).

Added packs live in ``$TUTOR_HOME/packs/<id>/`` (default: the platform's user
data folder), one folder per pack, each a complete pack folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from tutor.course.errors import PackError
from tutor.course.locate import BUILTIN_PACK_ID, builtin_pack_root
from tutor.course.manifest import load_pack
from tutor.course.model import Pack

ENTRY_POINT_GROUP = "torch_tutor.packs"


def tutor_home() -> Path:
    """Where the tutor keeps packs: ``$TUTOR_HOME`` or the user data folder."""
    if os.environ.get("TUTOR_HOME"):
        return Path(os.environ["TUTOR_HOME"])
    import platformdirs

    return platformdirs.user_data_path("torch-tutor", appauthor=False)


def packs_dir() -> Path:
    return tutor_home() / "packs"


def _entry_point_packs() -> dict[str, Path]:
    from importlib import metadata  # ~0.1 s: only when packs are looked up by id

    found: dict[str, Path] = {}
    for entry in metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            value = entry.load()
            root = Path(value() if callable(value) else value)
        except Exception:  # noqa: BLE001 - a broken third-party pack must not break the tutor
            continue
        found[entry.name] = root
    return found


def installed_packs() -> dict[str, Path]:
    """Pack id → root folder, the built-in course first."""
    found = {BUILTIN_PACK_ID: builtin_pack_root()}
    found.update(_entry_point_packs())
    if packs_dir().is_dir():
        for folder in sorted(packs_dir().iterdir()):
            if (folder / "pack.toml").is_file():
                found.setdefault(folder.name, folder)
    return found


def find_pack(pack_id: str | None, hint_root: str | None = None) -> Pack:
    """Load an installed pack by id (``None``: the built-in course).

    Raises:
        PackError: no such pack is installed.
    """
    if pack_id is None or pack_id == BUILTIN_PACK_ID:
        return load_pack(builtin_pack_root())
    packs = installed_packs()
    if pack_id in packs:
        return load_pack(packs[pack_id])
    if hint_root and (Path(hint_root) / "pack.toml").is_file():
        return load_pack(Path(hint_root))
    raise PackError(packs_dir(), "", f"no pack '{pack_id}' is installed; installed: "
                                     f"{', '.join(packs)}. Add it with `tutor pack add PATH`.")
