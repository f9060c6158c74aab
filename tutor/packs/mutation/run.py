"""Grade mutants through the real grader: parallel, seeded, stopped at the first failure.

A mutant is *killed* when any check fails, errors, crashes or times out, or when the
file does not load; it *survives* when every check passes. Grading stops at the first
failing check (the run is cancelled), so a killed mutant costs one fork and a check
or two. Each mutant's time limit comes from its solution's own run.
"""

from __future__ import annotations

import dataclasses
import random
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tutor.course import Exercise, Pack
from tutor.grading import CheckResult, ExerciseResult, Grader
from tutor.grading.batch import default_jobs
from tutor.grading.request import GradeOptions, build_request
from tutor.packs.mutation.generate import Mutant, generate, pack_operators, sample

MIN_TIMEOUT_S = 3.0
TIMEOUT_FACTOR = 5.0
"""A mutant may take this many times its solution's time (at least MIN_TIMEOUT_S)."""


@dataclass(frozen=True)
class MutationOptions:
    seed: int = 0
    jobs: int = 0
    """Mutants graded at once; 0 picks from the CPU count."""
    device: str = "cpu"
    time_budget_s: float | None = None
    """Stop starting new mutants after this many seconds; the rest are 'not graded'."""
    max_per_exercise: int | None = None


@dataclass
class Outcome:
    """What became of one mutant."""

    mutant: Mutant
    killed: bool | None = None
    """None: not graded (time budget)."""
    by: str = ""
    """The check that killed it, or why it counts as killed."""
    equivalent: str = ""
    """The author's reason, when pack.toml marks it equivalent."""


@dataclass
class ExerciseOutcome:
    exercise: Exercise
    outcomes: list[Outcome] = field(default_factory=list)
    problem: str = ""
    """Why the exercise could not be mutation-tested (its solution fails), if it could not."""

    def counted(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.equivalent and o.killed is not None]

    @property
    def killed(self) -> int:
        return sum(1 for o in self.counted() if o.killed)

    @property
    def total(self) -> int:
        return len(self.counted())


Progress = Callable[[int, int, int], None]
"""Called with (graded, total, killed) after each mutant."""


def mutation_test(grader: Grader, pack: Pack, exercises: list[Exercise],
                  options: MutationOptions, progress: Progress | None = None
                  ) -> list[ExerciseOutcome]:
    """Generate, grade and classify the mutants of ``exercises``' solutions."""
    operators = pack_operators(pack)
    reasons = {(e.exercise, e.mutant): e.reason for e in pack.mutation.equivalent
               if e.only_on in (None, options.device.split(":")[0])}
    started = time.monotonic()
    reports = [ExerciseOutcome(ex) for ex in exercises]
    limits = _baseline(grader, reports, options)
    jobs: list[tuple[Exercise, Outcome]] = []
    for report in reports:
        if report.problem:
            continue
        exercise = report.exercise
        mutants = generate(exercise.solution_path.read_text("utf-8"), exercise.qualified_id,
                           exercise.file, operators)
        for mutant in sample(mutants, options.max_per_exercise, options.seed):
            outcome = Outcome(mutant, equivalent=reasons.get((exercise.qualified_id,
                                                              mutant.key), ""))
            report.outcomes.append(outcome)
            jobs.append((exercise, outcome))
    random.Random(options.seed).shuffle(jobs)  # a time budget then cuts every exercise evenly
    deadline = None if options.time_budget_s is None else started + options.time_budget_s
    _grade_all(grader, jobs, limits, options, deadline, progress)
    return reports


def _baseline(grader: Grader, reports: list[ExerciseOutcome],
              options: MutationOptions) -> dict[str, float]:
    """Grade each solution once: it must pass, and its time sets its mutants' limit."""
    limits: dict[str, float] = {}

    def run(report: ExerciseOutcome) -> None:
        exercise = report.exercise
        request = build_request(exercise, exercise.solution_path, _grade_options(options))
        result = grader.grade(request)
        if not result.passed:
            failing = next((c for c in result.checks if not c.ok), None)
            report.problem = ("the solution does not pass its checks"
                              + (f" ('{failing.name}': {failing.message})" if failing else ""))
        limits[exercise.qualified_id] = min(
            exercise.timeout_s, max(MIN_TIMEOUT_S, TIMEOUT_FACTOR * result.duration))

    with ThreadPoolExecutor(max_workers=_workers(options, len(reports))) as pool:
        list(pool.map(run, reports))
    return limits


def _grade_options(options: MutationOptions) -> GradeOptions:
    return GradeOptions(device=options.device, seed=options.seed)


def _workers(options: MutationOptions, count: int) -> int:
    return max(1, options.jobs or default_jobs(max(count, 1)))


def _grade_all(grader: Grader, jobs: list[tuple[Exercise, Outcome]], limits: dict[str, float],
               options: MutationOptions, deadline: float | None,
               progress: Progress | None) -> None:
    lock = threading.Lock()
    counts = {"graded": 0, "killed": 0}
    with tempfile.TemporaryDirectory(prefix="tutor-mutants-") as folder:
        def run(index: int, job: tuple[Exercise, Outcome]) -> None:
            exercise, outcome = job
            if deadline is not None and time.monotonic() > deadline:
                return
            path = Path(folder) / str(index) / Path(exercise.file).name
            path.parent.mkdir()
            path.write_text(outcome.mutant.source, encoding="utf-8")
            outcome.killed, outcome.by = grade_mutant(
                grader, exercise, path, limits[exercise.qualified_id], options)
            with lock:
                counts["graded"] += 1
                counts["killed"] += bool(outcome.killed)
                if progress is not None:
                    progress(counts["graded"], len(jobs), counts["killed"])

        with ThreadPoolExecutor(max_workers=_workers(options, len(jobs))) as pool:
            list(pool.map(run, range(len(jobs)), jobs))


def grade_mutant(grader: Grader, exercise: Exercise, path: Path, timeout_s: float,
                 options: MutationOptions) -> tuple[bool, str]:
    """(killed, by what) for the file at ``path`` graded as ``exercise``."""
    request = dataclasses.replace(build_request(exercise, path, _grade_options(options)),
                                  timeout_s=timeout_s)
    cancel = threading.Event()

    def on_check(check: CheckResult) -> None:
        if not check.ok:
            cancel.set()  # one failing check is enough: stop the run

    result = grader.grade(request, on_check=on_check, cancel=cancel)
    return _verdict(result)


def _verdict(result: ExerciseResult) -> tuple[bool, str]:
    failing = next((c for c in result.checks if not c.ok), None)
    if failing is not None:
        return True, f"{failing.status}: {failing.name}"
    if result.cancelled:
        return True, "cancelled after a failing check"
    if not result.checks or result.status != "passed":
        return True, f"the run ended with status {result.status}"
    return False, ""
