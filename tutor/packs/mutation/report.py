"""Text report of a mutation run, and the pack's score threshold."""

from __future__ import annotations

import math
from collections.abc import Callable

from tutor.course import Pack
from tutor.packs.mutation.run import ExerciseOutcome


def percent(killed: int, total: int) -> int:
    """Rounded down, so a score printed as 95% really is at least 95%."""
    return 100 if total == 0 else math.floor(100 * killed / total)


def score_line(label: str, killed: int, total: int) -> str:
    return f"{label} {killed}/{total} ({percent(killed, total)}%)"


def write_report(reports: list[ExerciseOutcome], verbose: bool,
                 write: Callable[[str], None] = print) -> None:
    """Per exercise one line, its equivalents (and, with ``verbose``, survivors as diffs)."""
    for report in reports:
        label = f"{report.exercise.qualified_id} mutants killed"
        write(score_line(label, report.killed, report.total))
        if report.problem:
            write(f"  not mutation-tested: {report.problem}")
        for outcome in report.outcomes:
            if outcome.equivalent:
                write(f"  equivalent {outcome.mutant.key}: {outcome.equivalent}")
        ungraded = sum(1 for o in report.outcomes if o.killed is None)
        if ungraded:
            write(f"  {ungraded} mutant(s) not graded: the time budget ran out")
        if verbose:
            for outcome in report.outcomes:
                if outcome.killed is False and not outcome.equivalent:
                    write(f"  survived {outcome.mutant.key} ({outcome.mutant.description}):")
                    for line in outcome.mutant.diff().splitlines():
                        write(f"    {line}")


def problems(pack: Pack, reports: list[ExerciseOutcome]) -> list[str]:
    """What makes ``pack check --mutants`` fail: untestable solutions, stale
    equivalents, scores under the pack's thresholds."""
    found = [f"{r.exercise.qualified_id}: {r.problem}" for r in reports if r.problem]
    tested = {r.exercise.qualified_id: r for r in reports}
    for mark in pack.mutation.equivalent:
        report = tested.get(mark.exercise)
        if report is not None and mark.only_on is not None and not any(
                o.equivalent for o in report.outcomes if o.mutant.key == mark.mutant):
            continue  # a mark for another device: this run counts the mutant
        if report is None or report.problem:
            continue
        outcome = next((o for o in report.outcomes if o.mutant.key == mark.mutant), None)
        if outcome is None:
            found.append(f"{mark.exercise}: pack.toml marks {mark.mutant} equivalent, but the "
                         "solution has no such mutant now: update or remove the mark")
        elif outcome.killed:
            found.append(f"{mark.exercise}: pack.toml marks {mark.mutant} equivalent, but the "
                         f"checks kill it ({outcome.by}): remove the mark")
    floor = pack.mutation.min_exercise_score
    if floor is not None:
        for report in reports:
            if report.total and 100 * report.killed / report.total < floor:
                found.append(f"{report.exercise.qualified_id}: mutation score "
                             f"{percent(report.killed, report.total)}% is below the pack's "
                             f"min_exercise_score {floor:g}%")
    killed, total = totals(reports)
    if pack.mutation.min_score is not None and total and \
            100 * killed / total < pack.mutation.min_score:
        found.append(f"mutation score {percent(killed, total)}% is below the pack's "
                     f"min_score {pack.mutation.min_score:g}%")
    return found


def totals(reports: list[ExerciseOutcome]) -> tuple[int, int]:
    return sum(r.killed for r in reports), sum(r.total for r in reports)
