"""Human text: one line per check with a mark, messages under failures, a summary."""

from __future__ import annotations

from typing import Any

from tutor.grading.results import CheckResult, ExerciseResult, RunResult, summary_counts
from tutor.grading.status import Status

ANSI = {"green": "32", "red": "31", "yellow": "33", "magenta": "35", "dim": "2"}
"""ANSI codes of the colour names statuses use (tutor.grading.status)."""
SUMMARY_ORDER = (Status.PASSED, Status.FAILED, Status.ERROR, Status.TIMEOUT, Status.CRASHED,
                 Status.MEMORY, Status.NOT_STARTED, Status.SKIPPED)


def _paint(text: str, status: Status, color: bool) -> str:
    return f"\033[{ANSI.get(status.colour, '0')}m{text}\033[0m" if color else text


def exercise_line(ex: ExerciseResult, color: bool = False) -> str:
    """``lesson04/broadcast_shape passed 5/5 (0.08 s)``: what `tutor watch` prints."""
    graded = [c for c in ex.checks if c.status != "skipped"]
    passed = sum(1 for c in graded if c.status == "passed")
    skipped = ex.count(Status.SKIPPED)
    extra = f", {skipped} skipped" if skipped else ""
    return (f"{ex.id} {_paint(ex.status.label, ex.status, color)} {passed}/{len(graded)}{extra} "
            f"({ex.duration:.2f} s)")


def check_lines(check: CheckResult, color: bool = False, ascii_only: bool = False,
                verbose: bool = False) -> list[str]:
    mark = check.status.ascii_mark if ascii_only else check.status.mark
    lines = [f"  {_paint(mark, check.status, color)} {check.name}"]
    if check.status == "skipped":
        lines[0] += f"  (skipped: {check.message})"
    elif check.status != "passed" and check.message:
        lines += [f"      {line}" for line in check.message.splitlines()]
    if verbose and check.details and check.status not in ("passed", "skipped"):
        lines += [f"      | {line}" for line in check.details.splitlines()]
    return lines


def summary_line(run: RunResult) -> str:
    counts = summary_counts(run)
    parts = [f"{counts[s.value]} {s.label}" for s in SUMMARY_ORDER if counts[s.value]]
    return (f"{counts['exercises_passed']} of {counts['exercises']} exercises passed · checks: "
            f"{', '.join(parts) or 'none'} · {run.duration:.1f} s")


def render_text(run: RunResult, color: bool = False, ascii_only: bool = False,
                verbose: bool = False, **_: Any) -> str:
    lines: list[str] = []
    for ex in run.exercises:
        lines.append(exercise_line(ex, color))
        if ex.status == "not_started" and all(c.status in ("not_started", "skipped")
                                              for c in ex.checks):
            # One line instead of the same "not started" under every check.
            lines.append(f"      {ex.checks[0].message}")
            continue
        for check in ex.checks:
            lines += check_lines(check, color, ascii_only, verbose)
    lines.append(summary_line(run))
    return "\n".join(lines) + "\n"
