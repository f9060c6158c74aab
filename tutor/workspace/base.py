"""What each workspace file was copied from: the merge base of a later pack update.

When a stub is copied into a workspace, the same text goes to
``.tutor/base/<file>`` and its check file's hash to ``.tutor/base/manifest.json``.
A pack upgrade then has all three sides of a 3-way merge (the stub the learner
started from, the learner's file, the new stub) and knows which exercises' checks
changed (their progress must be re-graded).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from tutor.course import Exercise
from tutor.workspace.atomic import write_json_atomic, write_text_atomic

BASE_DIR = Path(".tutor") / "base"


def file_sha(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


@dataclass
class BaseRecord:
    """The pack version the workspace's files were last synced with, per exercise."""

    pack_version: str = ""
    checks_sha: dict[str, str] = field(default_factory=dict)
    """Qualified exercise id → sha256 of its check file when the stub was copied."""
    files: dict[str, str] = field(default_factory=dict)
    """Qualified exercise id → its file under exercises/ (to follow renames)."""


def base_path(root: Path, exercise_file: str) -> Path:
    return root / BASE_DIR / exercise_file


def load_base(root: Path) -> BaseRecord:
    """The record; an empty one for workspaces made before bases were kept."""
    try:
        data = json.loads((root / BASE_DIR / "manifest.json").read_text(encoding="utf-8"))
        return BaseRecord(str(data.get("pack_version", "")), dict(data.get("checks_sha", {})),
                          dict(data.get("files", {})))
    except (OSError, ValueError, TypeError, AttributeError):
        return BaseRecord()


def save_base(root: Path, record: BaseRecord) -> None:
    write_json_atomic(root / BASE_DIR / "manifest.json",
                      {"pack_version": record.pack_version,
                       "checks_sha": dict(sorted(record.checks_sha.items())),
                       "files": dict(sorted(record.files.items()))})


def record_stubs(root: Path, exercises: list[Exercise], pack_version: str) -> None:
    """Keep the stub and check hash of each exercise as copied now."""
    record = load_base(root)
    record.pack_version = pack_version
    for exercise in exercises:
        remember(root, record, exercise)
    save_base(root, record)


def remember(root: Path, record: BaseRecord, exercise: Exercise) -> None:
    """Store ``exercise``'s current stub and checks as its base (caller saves ``record``)."""
    write_text_atomic(base_path(root, exercise.file),
                      exercise.stub_path.read_text(encoding="utf-8"))
    record.checks_sha[exercise.qualified_id] = file_sha(exercise.checks_path)
    record.files[exercise.qualified_id] = exercise.file
