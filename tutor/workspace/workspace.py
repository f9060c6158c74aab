"""A learner's workspace: their copies of the stubs plus ``.tutor/`` (state, backups).

Lesson texts, checks and solutions stay in the pack; only stubs are copied.
Nothing here ever deletes or overwrites a learner's file without a backup.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from tutor.course import Exercise, Pack
from tutor.course.registry import find_pack
from tutor.grading.status import Status
from tutor.workspace.atomic import write_text_atomic
from tutor.workspace.base import load_base, record_stubs
from tutor.workspace.state import WorkspaceState, load_state, now_iso, save_state

STATE_DIR = ".tutor"
WELCOME = """# Your torch-tutor workspace

Edit the files under `exercises/`; `tutor start` (or `tutor watch all`) grades
every save. `tutor check lesson01` grades from the shell. Your progress lives in
`.tutor/state.json`; `tutor reset` keeps the old file in `.tutor/backups/`.
"""


class WorkspaceError(Exception):
    """A workspace that cannot be created or used; the message says where and why."""


class Workspace:
    def __init__(self, root: Path, pack: Pack, state: WorkspaceState,
                 warnings: list[str] | None = None) -> None:
        self.root = root
        self.pack = pack
        self.state = state
        self.warnings = warnings or []

    # locating and creating --------------------------------------------------

    @property
    def state_path(self) -> Path:
        return self.root / STATE_DIR / "state.json"

    @property
    def backups_dir(self) -> Path:
        return self.root / STATE_DIR / "backups"

    @staticmethod
    def find(start: Path) -> Path | None:
        """The workspace at or above ``start`` (a folder holding ``.tutor/state.json``)."""
        start = start.resolve()
        for folder in [start, *start.parents]:
            if (folder / STATE_DIR / "state.json").exists() or (folder / STATE_DIR).is_dir():
                return folder
        return None

    @classmethod
    def open(cls, root: Path) -> Workspace:
        """Open an existing workspace, recovering from a broken state file.

        Raises:
            WorkspaceError: ``root`` is not a workspace.
            PackError: its pack is not installed or invalid.
        """
        root = root.resolve()
        if not (root / STATE_DIR).is_dir():
            raise WorkspaceError(f"{root} is not a torch-tutor workspace (no {STATE_DIR}/ "
                                 "folder). Create one with `tutor init DIR`.")
        state, warning = load_state(root / STATE_DIR / "state.json")
        warnings = [warning] if warning else []
        if state is None:
            pack = find_pack(None)
            state = WorkspaceState(pack.id, pack.version)
            save_state(root / STATE_DIR / "state.json", state)
        else:
            pack = find_pack(state.pack_id, state.pack_root)
        workspace = cls(root, pack, state, warnings)
        if state.pack_version and state.pack_version != pack.version:
            # Stubs may have changed too: merging them is `tutor update`'s job, with
            # backups and a report, never a side effect of opening the workspace.
            workspace.warnings.append(
                f"pack {pack.id} is now version {pack.version} (this workspace has "
                f"{state.pack_version}): run `tutor update` to bring your files up to date. "
                "Your work is kept: changes are merged and every file is backed up first.")
            return workspace
        added = workspace.add_missing_stubs()
        if added:
            workspace.warnings.append(f"{len(added)} new exercise file(s) from pack "
                                      f"{pack.id} {pack.version} were added.")
        return workspace

    @classmethod
    def create(cls, root: Path, pack: Pack) -> Workspace:
        """Copy the pack's stubs into ``root/exercises`` and write the state file.

        Raises:
            WorkspaceError: ``root`` already holds a workspace or any file we would
                write; nothing is changed then.
        """
        root = root.resolve()
        if (root / STATE_DIR).exists():
            raise WorkspaceError(f"{root} already is a workspace ({root / STATE_DIR} exists); "
                                 "nothing was changed. Use it with `tutor start --workspace "
                                 f"{root}`.")
        clashes = [root / "exercises" / ex.file for ex in pack.exercises()
                   if (root / "exercises" / ex.file).exists()]
        if clashes:
            raise WorkspaceError(f"{clashes[0]} already exists ({len(clashes)} file(s) would "
                                 "be overwritten); nothing was changed. Pick an empty folder.")
        missing = [ex.stub_path for ex in pack.exercises() if not ex.stub_path.is_file()]
        if missing:
            raise WorkspaceError(f"the pack is missing the stub {missing[0]}")
        for exercise in pack.exercises():
            destination = root / "exercises" / exercise.file
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(exercise.stub_path, destination)
        record_stubs(root, pack.exercises(), pack.version)
        if not (root / "README.md").exists():
            write_text_atomic(root / "README.md", WELCOME)
        state = WorkspaceState(pack.id, pack.version, pack_root=str(pack.root))
        save_state(root / STATE_DIR / "state.json", state)
        return cls(root, pack, state)

    # files ------------------------------------------------------------------

    def exercise_path(self, exercise: Exercise) -> Path:
        return self.root / "exercises" / exercise.file

    def add_missing_stubs(self) -> list[Path]:
        """Copy stubs of exercises the workspace lacks (a pack upgrade); never overwrite."""
        added = []
        copied = []
        for exercise in self.pack.exercises():
            path = self.exercise_path(exercise)
            if not path.exists() and exercise.stub_path.is_file():
                path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(exercise.stub_path, path)
                added.append(path)
                copied.append(exercise)
        if copied:
            record_stubs(self.root, copied, load_base(self.root).pack_version or
                         self.pack.version)
        return added

    def is_untouched(self, exercise: Exercise) -> bool:
        path = self.exercise_path(exercise)
        return path.is_file() and path.read_bytes() == exercise.stub_path.read_bytes()

    def reset(self, exercise: Exercise) -> Path | None:
        """Back up the learner's file into ``.tutor/backups/`` and restore the stub.

        Returns the backup's path (None when the file was missing or untouched).
        """
        path = self.exercise_path(exercise)
        backup = None
        if path.exists() and not self.is_untouched(exercise):
            backup = self._new_backup_path(exercise)
            shutil.copy2(path, backup)
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.reset")
        shutil.copyfile(exercise.stub_path, temp)
        os.replace(temp, path)
        progress = self.state.progress(exercise.qualified_id)
        progress.status = Status.NOT_STARTED
        self.save()
        return backup

    def keep_copy(self, exercise: Exercise, text: str) -> Path:
        """Save ``text`` (e.g. editor edits about to be replaced) into ``.tutor/backups/``."""
        backup = self._new_backup_path(exercise)
        write_text_atomic(backup, text)
        return backup

    def _new_backup_path(self, exercise: Exercise) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup = self.backups_dir / exercise.lesson_id / f"{exercise.id}.{stamp}.py"
        counter = 1
        while backup.exists():
            backup = backup.with_name(f"{exercise.id}.{stamp}-{counter}.py")
            counter += 1
        backup.parent.mkdir(parents=True, exist_ok=True)
        return backup

    # progress ---------------------------------------------------------------

    def save(self) -> None:
        save_state(self.state_path, self.state)

    def record(self, exercise_id: str, status: Status | str) -> bool:
        """Store a grading verdict; returns True when this is the first pass."""
        status = Status(status)  # a status's value names it too ("passed")
        progress = self.state.progress(exercise_id)
        progress.attempts += 1
        progress.last_checked_at = now_iso()
        first_pass = status is Status.PASSED and progress.first_passed_at is None
        if first_pass:
            progress.first_passed_at = progress.last_checked_at
        progress.status = status
        self.state.last_exercise = exercise_id
        self.save()
        return first_pass

    def reveal_hint(self, exercise: Exercise) -> tuple[int, str] | None:
        """Reveal the next hint level; (level, text), or None when none are left."""
        progress = self.state.progress(exercise.qualified_id)
        if progress.hint_level >= len(exercise.hints):
            return None
        progress.hint_level += 1
        self.save()
        return progress.hint_level, exercise.hints[progress.hint_level - 1]

    def status_of(self, exercise: Exercise) -> Status:
        return self.state.progress(exercise.qualified_id).status

    def next_exercise(self) -> Exercise | None:
        """The first exercise in course order that has not passed."""
        return next((ex for ex in self.pack.exercises()
                     if self.status_of(ex) is not Status.PASSED), None)
