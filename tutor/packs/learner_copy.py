"""``tutor pack export-learner``: the copy of a class pack that learners get.

An instructor's pack may name, per exercise, a second check file in
``hidden_checks``. The learner's copy leaves those files out and writes, in
their place in pack.toml, how many hidden checks there are, so every front end
can say "3 hidden checks run when you submit". The count is measured, not
guessed: each exercise's reference solution is graded with its hidden checks
(which also proves the solution passes them before learners ever see the pack).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tutor.course import Exercise, Pack
from tutor.grading.grader import Grader
from tutor.grading.request import GradeOptions, build_request
from tutor.packs.gradescope import PACK_PARTS


class LearnerCopyError(RuntimeError):
    """The pack cannot be exported: a hidden check file is missing or fails its solution."""


@dataclass(frozen=True)
class HiddenCount:
    exercise: Exercise
    count: int


def count_hidden(pack: Pack, grader: Grader) -> list[HiddenCount]:
    """Grade every solution that has hidden checks; each must pass all of them."""
    counts = []
    for exercise in pack.exercises():
        if exercise.hidden_checks is None:
            continue
        where = f"{exercise.qualified_id}: hidden_checks = \"{exercise.hidden_checks}\""
        if exercise.hidden_checks_path is None:
            raise LearnerCopyError(f"{where}: no such file under {pack.root / 'tests/checks'}")
        result = grader.grade(build_request(exercise, exercise.solution_path, GradeOptions()))
        hidden = [check for check in result.checks if check.hidden]
        failing = [check for check in result.checks if not check.ok]
        if failing:
            first = failing[0]
            raise LearnerCopyError(f"{where}: the reference solution does not pass "
                                   f"'{first.shown_name}' ({first.status.label}: "
                                   f"{first.message.splitlines()[0] if first.message else ''})")
        if not hidden:
            raise LearnerCopyError(f"{where}: the file holds no checks")
        counts.append(HiddenCount(exercise, len(hidden)))
    return counts


def learner_manifest(manifest: str, counts: list[HiddenCount]) -> str:
    """pack.toml with each ``hidden_checks = "file"`` replaced by its count."""
    for item in counts:
        line = re.compile(r'^(\s*hidden_checks\s*=\s*)(["\'])'
                          + re.escape(item.exercise.hidden_checks or "") + r'\2(.*)$',
                          re.MULTILINE)
        replacement = rf"\g<1>{item.count}  # checks run when you submit"
        manifest, replaced = line.subn(replacement, manifest, count=1)
        if not replaced:
            raise LearnerCopyError(f"{item.exercise.qualified_id}: could not find its "
                                   "`hidden_checks = \"…\"` line in pack.toml (write it on one "
                                   "line, as a plain string)")
    return manifest


def export_learner_copy(pack: Pack, output: Path, grader: Grader) -> list[HiddenCount]:
    """Write the learner's copy to ``output`` (a folder, or a ``.zip``)."""
    counts = count_hidden(pack, grader)
    hidden_files = {(pack.root / "tests" / "checks" / (item.exercise.hidden_checks or "")
                     ).resolve() for item in counts}
    manifest = learner_manifest(pack.manifest_path.read_text(encoding="utf-8"), counts)
    if output.exists():
        raise FileExistsError(f"{output} already exists; choose a new path")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "pack"
        folder.mkdir()
        (folder / "pack.toml").write_text(manifest, encoding="utf-8")
        for part in PACK_PARTS:
            source = pack.root / part
            if source.is_dir():
                shutil.copytree(source, folder / part, ignore=_skip(hidden_files))
        if output.suffix == ".zip":
            _zip(folder, output)
        else:
            shutil.copytree(folder, output)
    return counts


def _skip(hidden_files: set[Path]) -> Callable[[str, list[str]], set[str]]:
    def ignore(directory: str, names: list[str]) -> set[str]:
        return {name for name in names
                if name == "__pycache__" or name.endswith(".pyc")
                or (Path(directory) / name).resolve() in hidden_files}
    return ignore


def _zip(folder: Path, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
