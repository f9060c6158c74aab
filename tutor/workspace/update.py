"""Bring a workspace up to a newer version of its pack without losing a learner's line.

For every exercise the plan compares three texts: the stub the learner's file was
copied from (``.tutor/base/``), the learner's file, and the new stub.

- only the stub changed            → the new stub replaces the (untouched) file;
- only the learner's file changed  → kept as it is;
- both changed                     → 3-way merged (merge3, the algorithm of bzr/Breezy);
  overlapping edits are marked the way git marks them, and the report says where;
- no base (an older workspace)     → the learner's file is kept and the new stub is
  written beside it as ``<name>.new.py``.

Exercises added to the pack get their stub; renamed ones (``renamed_from`` in
pack.toml) move with their progress; removed ones keep their file. Every file that
is changed is first copied to ``.tutor/backups/``. Progress stays for exercises whose
stub and checks did not change; the others are marked for re-grading.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import merge3

from tutor.course import Exercise
from tutor.grading.status import Status
from tutor.workspace.atomic import write_text_atomic
from tutor.workspace.base import base_path, file_sha, load_base, remember, save_base
from tutor.workspace.workspace import Workspace

Action = Literal["unchanged", "updated", "kept", "merged", "conflict", "added", "renamed",
                 "removed", "no_base"]


@dataclass
class FileChange:
    """What the update does to one exercise's file."""

    exercise_id: str
    action: Action
    path: Path
    text: str | None = None
    """The file's new text (None: the file is not written)."""
    conflict_lines: list[int] = field(default_factory=list)
    regrade: bool = False
    """Its stub or checks changed: the recorded verdict no longer holds."""
    moved_from: Path | None = None
    note: str = ""


@dataclass
class UpdatePlan:
    workspace: Workspace
    changes: list[FileChange]
    old_version: str
    new_version: str

    @property
    def conflicts(self) -> list[FileChange]:
        return [c for c in self.changes if c.action == "conflict"]


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def merge_texts(base: str, mine: str, new: str) -> tuple[str, list[int]]:
    """3-way merge; (text, 1-based lines of the conflict markers it holds)."""
    merger = merge3.Merge3(base.splitlines(True), mine.splitlines(True), new.splitlines(True))
    # git's marker style, base included (diff3), so a learner sees what each side did.
    lines = list(merger.merge_lines(name_a="your file", name_b="the new stub",
                                    name_base="the stub you started from",
                                    start_marker="<<<<<<<", mid_marker="=======",
                                    end_marker=">>>>>>>", base_marker="|||||||"))
    text = "".join(lines)
    conflicts = [n for n, line in enumerate(lines, 1) if line.startswith("<<<<<<< ")]
    return text, conflicts


def plan_update(workspace: Workspace) -> UpdatePlan:
    """Decide what happens to every file; changes nothing on disk."""
    root, pack = workspace.root, workspace.pack
    record = load_base(root)
    by_old_id = {ex.renamed_from: ex for ex in pack.exercises() if ex.renamed_from}
    changes = [_plan_one(workspace, exercise, record.checks_sha, record.files)
               for exercise in pack.exercises()]
    known = {ex.qualified_id for ex in pack.exercises()} | set(by_old_id)
    for old_id, old_file in sorted(record.files.items()):
        if old_id not in known:
            changes.append(FileChange(old_id, "removed", root / "exercises" / old_file))
    return UpdatePlan(workspace, changes, record.pack_version or workspace.state.pack_version,
                      pack.version)


def _plan_one(workspace: Workspace, exercise: Exercise, checks_sha: dict[str, str],
              files: dict[str, str]) -> FileChange:
    root = workspace.root
    path = workspace.exercise_path(exercise)
    new_stub = exercise.stub_path.read_text(encoding="utf-8")
    old_id = exercise.qualified_id
    moved_from = None
    if exercise.renamed_from and exercise.renamed_from in files and not path.exists():
        old_id = exercise.renamed_from
        moved_from = root / "exercises" / files[old_id]
    source = moved_from or path
    mine = _read(source)
    base = _read(base_path(root, files.get(old_id, exercise.file)))
    checks_changed = checks_sha.get(old_id, "") != file_sha(exercise.checks_path)
    if mine is None:
        return FileChange(exercise.qualified_id, "added", path, new_stub, regrade=True)
    action: Action
    text: str | None = None
    conflicts: list[int] = []
    note = ""
    if base is None:
        action, text = ("unchanged", None) if mine == new_stub else ("no_base", None)
        if action == "no_base":
            note = (f"this workspace predates update tracking; the new stub is written beside "
                    f"your file as {path.with_suffix('.new.py').name}")
    elif base == new_stub:
        action = "kept" if mine != base else "unchanged"
    elif mine == base:
        action, text = "updated", new_stub
    else:
        text, conflicts = merge_texts(base, mine, new_stub)
        action = "conflict" if conflicts else "merged"
    stub_changed = base is not None and base != new_stub
    if moved_from is not None:
        if action in ("unchanged", "kept"):
            text = mine
        action = "renamed" if action in ("unchanged", "kept", "updated", "merged") else action
        note = f"renamed from {old_id}" + (f"; {note}" if note else "")
    return FileChange(exercise.qualified_id, action, path, text, conflicts,
                      regrade=stub_changed or checks_changed, moved_from=moved_from, note=note)


def apply_update(plan: UpdatePlan) -> list[Path]:
    """Write the plan: back up every file it touches first. Returns the backups made."""
    workspace = plan.workspace
    pack = workspace.pack
    backups: list[Path] = []
    record = load_base(workspace.root)
    by_id = {ex.qualified_id: ex for ex in pack.exercises()}
    for change in plan.changes:
        exercise = by_id.get(change.exercise_id)
        if exercise is None:
            continue  # removed: the learner's file stays where it is
        for existing in {p for p in (change.path, change.moved_from) if p and p.exists()}:
            if change.text is not None or change.action == "renamed":
                backups.append(workspace.keep_copy(exercise, existing.read_text("utf-8")))
        if change.action == "no_base":
            shutil.copyfile(exercise.stub_path, change.path.with_suffix(".new.py"))
        if change.text is not None:
            write_text_atomic(change.path, change.text)
        if change.moved_from is not None and change.moved_from.exists() and \
                change.moved_from != change.path:
            change.moved_from.unlink()
            old = workspace.state.exercises.pop(exercise.renamed_from or "", None)
            if old is not None:
                workspace.state.exercises[exercise.qualified_id] = old
        if change.regrade and change.action != "added":
            workspace.state.progress(exercise.qualified_id).status = Status.NOT_STARTED
        remember(workspace.root, record, exercise)
    record.pack_version = pack.version
    save_base(workspace.root, record)
    workspace.state.pack_version = pack.version
    workspace.save()
    return backups
