"""Text drawings of a tensor mismatch (the data comes from tutor.testing.tensor_diff).

No torch here: the app and the CLI draw what the grading child measured. Every
wrong value is marked with ``*`` as well as any colour a front end adds, so the
drawing reads the same in a terminal without colour.
"""

from __future__ import annotations

from typing import Any

SHADES = " ░▒▓█"
ASCII_SHADES = " .:#@"
CELL = 10


def _cell(value: float, wrong: bool) -> str:
    text = f"{value:.4g}" if value == value else "nan"  # NaN != NaN
    return f"{text}{'*' if wrong else ' '}".rjust(CELL)


def values_block(diff: dict[str, Any], which: str) -> list[str]:
    """The window of ``which`` ('got' or 'expected') values, wrong cells starred."""
    window = diff["window"]
    grid, wrong = window[which], window["wrong"]
    left = window["left"]
    header = "      " + "".join(str(left + c).rjust(CELL) for c in range(len(grid[0])))
    lines = [header]
    for r, row in enumerate(grid):
        cells = "".join(_cell(v, bool(wrong[r][c])) for c, v in enumerate(row))
        lines.append(f"{window['top'] + r:>5} {cells}")
    return lines


def heat_lines(diff: dict[str, Any], ascii_only: bool = False) -> list[str]:
    """|got − expected| pooled to a small map, darkest where the error is largest."""
    shades = ASCII_SHADES if ascii_only else SHADES
    peak = max((max(max(row) for row in m["values"]) for m in diff["heat"]), default=0.0)
    if not peak:
        return []
    lines = []
    for heat in diff["heat"]:
        if not any(any(row) for row in heat["values"]):
            continue  # a slice with no error says nothing
        label = f"slice {tuple(heat['slice'])}" if heat["slice"] else "whole tensor"
        lines.append(f"  |yours − expected|, {label} (pooled):")
        for row in heat["values"]:
            step = [min(len(shades) - 1, round(v / peak * (len(shades) - 1))) for v in row]
            lines.append("  │" + "".join(shades[s] for s in step) + "│")
    return lines


def describe_diff(diff: dict[str, Any], ascii_only: bool = False,
                  heat: bool = True) -> list[str]:
    """The whole drawing: a summary line, both windows, the heat map (unless ``heat``)."""
    where = tuple(diff["worst_index"])
    window = diff["window"]
    inside = f" in slice {tuple(window['slice'])}" if window["slice"] else ""
    lines = [f"{diff['mismatches']} of {diff['elements']} values differ; the worst at {where}: "
             f"yours {diff['worst_got']:.6g}, expected {diff['worst_expected']:.6g}.",
             f"Yours{inside} (* marks a wrong value):", *values_block(diff, "got"),
             f"Expected{inside}:", *values_block(diff, "expected")]
    return lines + (heat_lines(diff, ascii_only) if heat else [])
