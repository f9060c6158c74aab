"""Human text, short by default (as rustlings and exercism print it).

Per exercise: one verdict line; under a failure, the first failing check in full,
then the other failures one line each, with identical messages folded into
"… and N more checks fail the same way". Skips are summarised once per run.
``verbose`` lists every check with its traceback. Machines read JSON/JUnit.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from tutor.grading.curveview import draw_curves
from tutor.grading.diffview import draw_diff
from tutor.grading.drawing import Line, to_text
from tutor.grading.results import CheckResult, ExerciseResult, RunResult, summary_counts
from tutor.grading.status import Status
from tutor.grading.traceview import draw_trace

ANSI = {"green": "32", "red": "31", "yellow": "33", "magenta": "35", "dim": "2"}
"""ANSI codes of the colour names statuses use (tutor.grading.status)."""
WIDTH = 74
"""Columns for the drawings under a check (indented by 6: 80 in all)."""
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
    lines = [f"  {_paint(mark, check.status, color)} {check.shown_name}"]
    if check.status == "skipped":
        lines[0] += f"  (skipped: {check.message})"
    elif check.status != "passed" and check.message:
        lines += [f"      {line}" for line in check.message.splitlines()]
    if check.status not in ("passed", "skipped"):
        lines += feedback_lines(check, color, ascii_only, verbose)
    if verbose and check.details and check.status not in ("passed", "skipped"):
        lines += [f"      | {line}" for line in check.details.splitlines()]
    return lines


def feedback_lines(check: CheckResult, color: bool = False, ascii_only: bool = False,
                   verbose: bool = False) -> list[str]:
    """The check's drawings (tensor diff, shape trace, loss curves), compact, 80 columns."""
    drawing: list[Line] = []
    if check.diff is not None:
        # The message names the worst element; the windows show it among its neighbours.
        drawing += draw_diff(check.diff, WIDTH, ascii_only, heat=verbose, with_summary=False)
    if check.trace is not None:
        drawing += draw_trace(check.trace, WIDTH)
    if check.curves is not None:
        drawing += draw_curves(check.curves, WIDTH, ascii_only)
    return to_text(drawing, color, "      ", ascii_only)


def summary_line(run: RunResult) -> str:
    counts = summary_counts(run)
    parts = [f"{counts[s.value]} {s.label}" for s in SUMMARY_ORDER if counts[s.value]]
    return (f"{counts['exercises_passed']} of {counts['exercises']} exercises passed · checks: "
            f"{', '.join(parts) or 'none'} · {run.duration:.1f} s")


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else ""


def _shape_of(message: str) -> str:
    """The first line with the specifics masked: tensors, literals, numbers, dtype names."""
    line = _first_line(message)
    line = re.sub(r"<[^<>]*>", "<>", line)
    line = re.sub(r"\w+\([^()]*\)", "f()", line)
    line = re.sub(r"\d+(\.\d+)?", "0", line)
    return re.sub(r"\b(Long|Int|Char|Byte|Bool|Short|Half|Float|Double)\b", "T", line)


def same_way(a: CheckResult, b: CheckResult) -> bool:
    """Two failures that say the same thing apart from the inputs they were given."""
    if a.status != b.status:
        return False
    if a.message == b.message:
        return True
    shape_a, shape_b = _shape_of(a.message), _shape_of(b.message)
    return difflib.SequenceMatcher(None, shape_a, shape_b).ratio() >= 0.8


def fold(failing: list[CheckResult]) -> list[tuple[CheckResult, int]]:
    """Group failures that fail the same way: (first of the group, how many more)."""
    groups: list[list[CheckResult]] = []
    for check in failing:
        group = next((g for g in groups if same_way(g[0], check)), None)
        if group is None:
            groups.append([check])
        else:
            group.append(check)
    return [(group[0], len(group) - 1) for group in groups]


def failure_lines(ex: ExerciseResult, color: bool = False, ascii_only: bool = False
                  ) -> list[str]:
    """The first failing check in full; the rest one line each, repeats folded."""
    failing = [c for c in ex.checks if not c.ok]
    if not failing:
        return []
    if all(c.status == "not_started" for c in failing):
        return [f"      {failing[0].message}"]
    groups = fold(failing)
    (first, same), rest = groups[0], groups[1:]
    lines = check_lines(first, color, ascii_only)
    if same:
        lines.append(f"      … and {same} more check{'s' if same != 1 else ''} "
                     f"fail{'s' if same == 1 else ''} the same way")
    for check, more in rest:
        mark = check.status.ascii_mark if ascii_only else check.status.mark
        again = f"  (+{more} more the same way)" if more else ""
        lines.append(f"  {_paint(mark, check.status, color)} {check.shown_name}: "
                     f"{_first_line(check.message) or check.status}{again}")
    return lines


def skip_lines(checks: Iterable[CheckResult]) -> list[str]:
    """``- 4 checks skipped: needs a CUDA GPU``, once per reason."""
    reasons = Counter(_first_line(c.message) or "not run here"
                      for c in checks if c.status == "skipped")
    return [f"  - {n} check{'s' if n != 1 else ''} skipped: {reason}"
            for reason, n in reasons.items()]


def exercise_lines(ex: ExerciseResult, color: bool = False, ascii_only: bool = False,
                   verbose: bool = False) -> list[str]:
    """What one exercise prints: its verdict line, then failures (short or verbose)."""
    lines = [exercise_line(ex, color)]
    if verbose:
        for check in ex.checks:
            lines += check_lines(check, color, ascii_only, verbose=True)
    else:
        lines += failure_lines(ex, color, ascii_only)
    return lines + [f"  + {ex.hidden_note}"] if ex.hidden_note else lines


def render_text(run: RunResult, color: bool = False, ascii_only: bool = False,
                verbose: bool = False, **_: Any) -> str:
    lines: list[str] = []
    for ex in run.exercises:
        lines += exercise_lines(ex, color, ascii_only, verbose)
    if not verbose:
        lines += skip_lines(c for ex in run.exercises for c in ex.checks)
    if not verbose and any(not c.ok and c.status != "not_started"
                           for ex in run.exercises for c in ex.checks):
        lines.append("  (--verbose lists every check with its traceback)")
    lines.append(summary_line(run))
    return "\n".join(lines) + "\n"
