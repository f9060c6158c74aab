"""Human text: one line per check with a mark, messages under failures, a summary."""

from __future__ import annotations

from typing import Any

from tutor.grading.results import CheckResult, ExerciseResult, RunResult, summary_counts

MARKS = {"passed": "✓", "failed": "✗", "error": "!", "timeout": "⏱", "crashed": "☠",
         "memory": "M", "skipped": "-", "not_started": "·"}
ASCII_MARKS = {"passed": "ok", "failed": "FAIL", "error": "ERR", "timeout": "TIME",
               "crashed": "CRASH", "memory": "MEM", "skipped": "skip", "not_started": "todo"}
COLORS = {"passed": "32", "failed": "31", "error": "31", "timeout": "33", "crashed": "35",
          "memory": "35", "skipped": "2", "not_started": "2"}


def _paint(text: str, status: str, color: bool) -> str:
    return f"\033[{COLORS.get(status, '0')}m{text}\033[0m" if color else text


def exercise_line(ex: ExerciseResult, color: bool = False) -> str:
    """``lesson04/broadcast_shape passed 5/5 (0.08 s)``: what `tutor watch` prints."""
    graded = [c for c in ex.checks if c.status != "skipped"]
    passed = sum(1 for c in graded if c.status == "passed")
    skipped = ex.count("skipped")
    extra = f", {skipped} skipped" if skipped else ""
    status = ex.status.replace("_", " ")
    return (f"{ex.id} {_paint(status, ex.status, color)} {passed}/{len(graded)}{extra} "
            f"({ex.duration:.2f} s)")


def check_lines(check: CheckResult, color: bool = False, ascii_only: bool = False,
                verbose: bool = False) -> list[str]:
    mark = (ASCII_MARKS if ascii_only else MARKS)[check.status]
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
    parts = [f"{counts[s]} {s.replace('_', ' ')}" for s in
             ("passed", "failed", "error", "timeout", "crashed", "memory", "not_started",
              "skipped") if counts[s]]
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
