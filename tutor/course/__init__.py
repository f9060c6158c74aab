"""Course model: packs, lessons and exercises loaded from ``pack.toml``. No torch here."""

from tutor.course.errors import PackError, TargetError
from tutor.course.locate import BUILTIN_PACK_ID, builtin_pack_root, pack_root_of
from tutor.course.manifest import FORMAT_VERSION, load_pack
from tutor.course.model import Exercise, Lesson, Pack
from tutor.course.targets import resolve_targets

__all__ = [
    "BUILTIN_PACK_ID",
    "FORMAT_VERSION",
    "Exercise",
    "Lesson",
    "Pack",
    "PackError",
    "TargetError",
    "builtin_pack_root",
    "load_pack",
    "pack_root_of",
    "resolve_targets",
]
