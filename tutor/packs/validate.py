"""``tutor pack check``: everything a pack must satisfy before learners see it.

Static checks first (files, hints, TODOs, stray files), then the real grader:
every stub must fail all its checks, every solution must pass — under the
default seed and a few others, to catch flaky checks — within a time budget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tutor.course import Exercise, Pack
from tutor.grading.batch import GradeOptions, grade_all
from tutor.grading.grader import Grader
from tutor.grading.results import ExerciseResult

EXTRA_SEEDS = (1, 2)


@dataclass(frozen=True)
class Problem:
    where: str
    """The exercise id (or 'pack')."""
    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.path}: {self.message}"


def static_problems(pack: Pack) -> list[Problem]:
    """Missing or stray files, hints, TODO markers."""
    problems: list[Problem] = []
    for lesson in pack.lessons:
        if not lesson.text_path.is_file():
            problems.append(Problem(lesson.id, lesson.text_path, "the lesson text is missing "
                                    f"(set `text` in pack.toml or create {lesson.text})"))
    for exercise in pack.exercises():
        problems += _exercise_problems(exercise)
    problems += _stray_files(pack)
    return problems


def _exercise_problems(exercise: Exercise) -> list[Problem]:
    problems = []
    where = exercise.qualified_id
    for label, path in (("stub", exercise.stub_path), ("solution", exercise.solution_path),
                        ("checks", exercise.checks_path)):
        if not path.is_file():
            problems.append(Problem(where, path, f"the {label} file is missing"))
    if exercise.hidden_checks is not None and exercise.hidden_checks_path is None:
        problems.append(Problem(where, exercise.checks_path.parent.parent / exercise.hidden_checks,
                                "the hidden_checks file is missing"))
    if not exercise.hints:
        problems.append(Problem(where, exercise.pack_root / "pack.toml",
                                'no hints: add hints = ["…", "…"] (at least one level)'))
    if exercise.stub_path.is_file() and "TODO" not in exercise.stub_path.read_text("utf-8"):
        problems.append(Problem(where, exercise.stub_path,
                                "the stub has no `# TODO` marking where the learner edits"))
    return problems


def _stray_files(pack: Pack) -> list[Problem]:
    listed_files = {ex.file for ex in pack.exercises()}
    listed_checks = {ex.checks for ex in pack.exercises()} | {
        ex.hidden_checks for ex in pack.exercises() if ex.hidden_checks}
    problems = []
    for folder in ("exercises", "solutions"):
        for path in sorted((pack.root / folder).rglob("*.py")):
            relative = path.relative_to(pack.root / folder).as_posix()
            if relative not in listed_files and "__pycache__" not in relative:
                problems.append(Problem("pack", path, "not listed in pack.toml: add an "
                                        "[[lessons.exercises]] entry or delete the file"))
    checks_root = pack.root / "tests" / "checks"
    for path in sorted(checks_root.rglob("test_*.py")):
        relative = path.relative_to(checks_root).as_posix()
        if relative not in listed_checks:
            problems.append(Problem("pack", path, "a check file no exercise uses (its name "
                                    "should be test_<exercise id>.py)"))
    return problems


def graded_problems(grader: Grader, pack: Pack, budget_s: float, device: str = "auto",
                    progress: Callable[[str], None] = lambda line: None) -> list[Problem]:
    """Run stubs and solutions through the real grader."""
    exercises = [ex for ex in pack.exercises()
                 if ex.stub_path.is_file() and ex.solution_path.is_file()
                 and ex.checks_path.is_file()]
    problems: list[Problem] = []
    progress(f"grading {len(exercises)} stub(s)…")
    stubs = grade_all(grader, pack, [(ex, ex.stub_path) for ex in exercises],
                      GradeOptions(device=device))
    for exercise, result in zip(exercises, stubs.exercises, strict=True):
        problems += _stub_problems(exercise, result)
    for seed in (0, *EXTRA_SEEDS):
        progress(f"grading {len(exercises)} solution(s) with seed {seed}…")
        solutions = grade_all(grader, pack, [(ex, ex.solution_path) for ex in exercises],
                              GradeOptions(device=device, seed=seed))
        for exercise, result in zip(exercises, solutions.exercises, strict=True):
            problems += _solution_problems(exercise, result, seed, budget_s)
    return _unique(problems)


def _stub_problems(exercise: Exercise, result: ExerciseResult) -> list[Problem]:
    passing = [c.name for c in result.checks if c.status == "passed"]
    if passing:
        return [Problem(exercise.qualified_id, exercise.checks_path,
                        f"{len(passing)} check(s) pass on the untouched stub (e.g. "
                        f"'{passing[0]}'): every check must call the learner's code")]
    if not any(c.status != "skipped" for c in result.checks):
        return [Problem(exercise.qualified_id, exercise.checks_path, "no check ran")]
    return []


def _solution_problems(exercise: Exercise, result: ExerciseResult, seed: int,
                       budget_s: float) -> list[Problem]:
    problems = []
    for check in result.checks:
        if check.status not in ("passed", "skipped"):
            flaky = " (only under this seed: the check is flaky)" if seed else ""
            problems.append(Problem(exercise.qualified_id, exercise.solution_path,
                                    f"the solution does not pass '{check.name}' with seed "
                                    f"{seed}{flaky}: {check.status}: {check.message}"))
        elif check.duration > budget_s:
            problems.append(Problem(exercise.qualified_id, exercise.checks_path,
                                    f"'{check.name}' took {check.duration:.2f} s, over the "
                                    f"{budget_s:g} s budget per check: use smaller inputs"))
    return problems


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    unique = []
    for problem in problems:
        key = f"{problem.where}|{problem.path}|{problem.message.split(' with seed')[0]}"
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return unique
