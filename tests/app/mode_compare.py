"""Do two graders agree? Used to hold the warm worker to the subprocess fallback.

Both modes must give every check the same status and the same learner-facing
message; only timings may differ.
"""

from __future__ import annotations

import re
from pathlib import Path

from tutor.course import Exercise, Pack
from tutor.grading.batch import grade_all
from tutor.grading.grader import Grader
from tutor.grading.request import GradeOptions
from tutor.grading.results import ExerciseResult

Verdicts = dict[str, tuple[str, str]]
"""check id → (status, message)."""

VARIES_BETWEEN_RUNS = {
    "tests/checks/lesson12_devices/test_time_call.py::":
        "its messages quote wall-clock timings of the learner's code",
    "tests/checks/lesson14_optimisation/test_init_normal.py::":
        "a weight the learner never wrote still holds torch.empty's uninitialised memory, "
        "which its messages describe",
}
"""Checks whose messages differ between two runs of the SAME mode (prefix → why): compared
by status only. Everything else must match word for word."""
ADDRESS = re.compile(r"0x[0-9a-f]{4,}")
"""Object addresses (``<AddmmBackward0 object at 0x7f…>``, also cut short: ``0x7f017...``)
differ between processes and runs."""


def verdicts(result: ExerciseResult) -> Verdicts:
    return {check.id: (check.status, check.message) for check in result.checks}


def course_jobs(pack: Pack, exercises: list[Exercise] | None = None
                ) -> list[tuple[Exercise, Path]]:
    """Each exercise twice: its stub (everything red) and its solution (green)."""
    chosen = exercises if exercises is not None else pack.exercises()
    return [(ex, path) for ex in chosen for path in (ex.stub_path, ex.solution_path)]


def differences(first: Grader, second: Grader, pack: Pack,
                jobs: list[tuple[Exercise, Path]], options: GradeOptions) -> list[str]:
    """One line per check (or exercise) where the two graders disagree."""
    runs = [grade_all(grader, pack, jobs, options).exercises for grader in (first, second)]
    found: list[str] = []
    for (exercise, target), a, b in zip(jobs, *runs, strict=True):
        where = f"{exercise.qualified_id} ({target.parent.parent.name})"
        if a.status != b.status:
            found.append(f"{where}: {first.mode} {a.status}, {second.mode} {b.status}")
        # Strict isolation cannot trace the learner's frames (docs/authoring.md, "Trust
        # model"): its failures carry no shape trace, so the trace's pointer line is not
        # compared.
        va, vb = _untraced(verdicts(a)), _untraced(verdicts(b))
        for check_id in sorted(va.keys() | vb.keys()):
            if va.get(check_id) != vb.get(check_id):
                found.append(f"{where} {check_id}: {first.mode} {va.get(check_id)!r} "
                             f"!= {second.mode} {vb.get(check_id)!r}")
    return found


def wrong_answer_jobs(pack: Pack, root: Path) -> list[tuple[Exercise, Path]]:
    """Every file of tests/app/wrong_answers/<folder>/<exercise id>/ with its exercise."""
    by_file = {ex.file: ex for ex in pack.exercises()}
    jobs = []
    for path in sorted(root.glob("*/*/*.py")):
        exercise = by_file.get(f"{path.parent.parent.name}/{path.parent.name}.py")
        if exercise is not None:
            jobs.append((exercise, path))
    return jobs


def option_differences(grader: Grader, pack: Pack, jobs: list[tuple[Exercise, Path]],
                       first: GradeOptions, second: GradeOptions,
                       runs: list[list[ExerciseResult]] | None = None) -> list[str]:
    """As :func:`differences`, for one grader under two sets of options (fast vs strict)."""
    results = [grade_all(grader, pack, jobs, options).exercises for options in (first, second)]
    if runs is not None:
        runs.extend(results)
    names = (first.isolation, second.isolation)
    found: list[str] = []
    for (exercise, target), a, b in zip(jobs, *results, strict=True):
        where = f"{exercise.qualified_id} ({target.parent.name}/{target.name})"
        if a.status != b.status:
            found.append(f"{where}: {names[0]} {a.status}, {names[1]} {b.status}")
        # Strict isolation cannot trace the learner's frames (docs/authoring.md, "Trust
        # model"): its failures carry no shape trace, so the trace's pointer line is not
        # compared.
        va, vb = _untraced(verdicts(a)), _untraced(verdicts(b))
        for check_id in sorted(va.keys() | vb.keys()):
            if va.get(check_id) != vb.get(check_id):
                found.append(f"{where} {check_id}: {names[0]} {va.get(check_id)!r} "
                             f"!= {names[1]} {vb.get(check_id)!r}")
    return found


def _untraced(found: Verdicts) -> Verdicts:
    return {check_id: (status, _comparable(check_id, message))
            for check_id, (status, message) in found.items()}


def _comparable(check_id: str, message: str) -> str:
    if any(check_id.startswith(prefix) for prefix in VARIES_BETWEEN_RUNS):
        return "(varies between runs)"
    return ADDRESS.sub("0x…", message)
