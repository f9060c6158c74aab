"""Where packs live: the built-in course, and the pack a check file belongs to."""

from __future__ import annotations

from pathlib import Path

import tutor

BUILTIN_PACK_ID = "pytorch-foundations"


def builtin_pack_root() -> Path:
    """The built-in course: inside the wheel, or the repository root of a checkout.

    Editable installs do not apply hatch's force-include mapping, so a checkout
    falls back to the folder that holds ``pack.toml`` above the package.
    """
    package_dir = Path(tutor.__file__).resolve().parent
    bundled = package_dir / "_course"
    if (bundled / "pack.toml").is_file():
        return bundled
    return package_dir.parent


def pack_root_of(path: Path) -> Path | None:
    """The nearest folder at or above ``path`` that holds a ``pack.toml``."""
    for folder in [path, *path.parents]:
        if (folder / "pack.toml").is_file():
            return folder
    return None
