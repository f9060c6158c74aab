"""The course model: a pack of lessons, each with exercises.

Pure data, no torch and no Textual: the UI process, the CLI and the grader's
child all read the same objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

GpuPolicy = Literal["none", "optional", "required"]
HiddenVisibility = Literal["hidden", "after_due_date", "after_published"]
"""When Gradescope shows a hidden check's result to the student (its own vocabulary)."""


@dataclass(frozen=True)
class Exercise:
    """One stub file the learner edits, graded by one check file."""

    id: str
    """Short id, unique within its lesson (``pick_class_scores``)."""
    lesson_id: str
    title: str
    file: str
    """Path under ``exercises/`` and ``solutions/`` (``lesson05_gather/pick_class_scores.py``)."""
    checks: str
    """Path under ``tests/checks/`` (``lesson05_gather/test_pick_class_scores.py``)."""
    hints: tuple[str, ...]
    timeout_s: float
    gpu: GpuPolicy
    score: float
    """Points per check, used by the Gradescope output."""
    pack_root: Path = field(compare=False)
    renamed_from: str | None = None
    """Its qualified id in an earlier pack version (``tutor update`` moves the file)."""
    hidden_checks: str | None = None
    """Path under ``tests/checks/`` of checks left out of the learner's copy of the pack
    (``tutor pack export-learner``) and run on submission (the Gradescope bundle)."""
    hidden_count: int = 0
    """In a learner's copy: how many hidden checks run on submission (the file is absent)."""
    hidden_visibility: HiddenVisibility = "after_published"

    @property
    def qualified_id(self) -> str:
        """The id the CLI takes: ``lesson05/pick_class_scores``."""
        return f"{self.lesson_id}/{self.id}"

    @property
    def stub_path(self) -> Path:
        return self.pack_root / "exercises" / self.file

    @property
    def solution_path(self) -> Path:
        return self.pack_root / "solutions" / self.file

    @property
    def checks_path(self) -> Path:
        return self.pack_root / "tests" / "checks" / self.checks

    @property
    def hidden_checks_path(self) -> Path | None:
        """The hidden check file when this copy of the pack has it (the instructor's)."""
        if self.hidden_checks is None:
            return None
        path = self.pack_root / "tests" / "checks" / self.hidden_checks
        return path if path.is_file() else None

    @property
    def hidden_pending(self) -> int:
        """Hidden checks this copy cannot run: they run when the learner submits."""
        return self.hidden_count if self.hidden_checks is None else 0


@dataclass(frozen=True)
class Lesson:
    """A Markdown text and the exercises that practise it, in order."""

    id: str
    slug: str
    title: str
    text: str
    """Path of the Markdown text, relative to the pack root."""
    exercises: tuple[Exercise, ...]
    pack_root: Path = field(compare=False)

    @property
    def folder(self) -> str:
        """The folder name shared by exercises/, solutions/ and tests/checks/."""
        return f"{self.id}_{self.slug}"

    @property
    def text_path(self) -> Path:
        return self.pack_root / self.text

    def read_text(self) -> str:
        return self.text_path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class EquivalentMutant:
    """A mutant the author judged to compute the same thing as the solution."""

    exercise: str
    """Qualified id, ``lesson02/normalize_rows``."""
    mutant: str
    """The mutant's key as ``tutor pack check --mutants -v`` prints it (``sum_mean@8:21``)."""
    reason: str
    only_on: str | None = None
    """Equivalent only when graded on this device type (``cpu``): a ``.cpu()`` dropped
    cannot be seen without a GPU, but a ``--device cuda`` run must still count it."""


@dataclass(frozen=True)
class MutationConfig:
    """The ``[mutation]`` table of pack.toml (see docs/authoring.md, "Mutation testing")."""

    min_score: float | None = None
    """Percent of non-equivalent mutants the whole pack must kill; below it, exit 1."""
    min_exercise_score: float | None = None
    """The same floor for every exercise on its own."""
    operators: tuple[str, ...] = ()
    """Operators to use; empty means all registered ones."""
    plugins: tuple[str, ...] = ()
    """Python files (relative to the pack root) that register extra operators."""
    equivalent: tuple[EquivalentMutant, ...] = ()


@dataclass(frozen=True)
class Pack:
    """A course: the built-in one or an instructor's, loaded from ``pack.toml``."""

    root: Path
    id: str
    title: str
    version: str
    format_version: int
    description: str
    requires: dict[str, str]
    lessons: tuple[Lesson, ...]
    mutation: MutationConfig = field(default_factory=MutationConfig)

    @property
    def manifest_path(self) -> Path:
        return self.root / "pack.toml"

    def exercises(self) -> list[Exercise]:
        """Every exercise of the pack, in course order."""
        return [ex for lesson in self.lessons for ex in lesson.exercises]

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)

    def exercise(self, qualified_id: str) -> Exercise | None:
        return next((ex for ex in self.exercises() if ex.qualified_id == qualified_id), None)

    def exercise_for_checks(self, checks_path: Path) -> Exercise | None:
        """The exercise graded by a check file (used by the check API's loader)."""
        resolved = checks_path.resolve()
        return next((ex for ex in self.exercises() if ex.checks_path.resolve() == resolved), None)
