"""Drawings of a tensor mismatch (the data comes from tutor.testing.tensor_diff).

No torch here: the app and the CLI draw what the grading child measured, from
the same functions (:func:`draw_diff` returns styled lines, tutor.grading.drawing).
Every wrong value is marked with ``*`` (the worst with ``!``, a non-finite value
facing a finite one with ``#``) as well as any colour a front end adds, so the
drawing reads the same without colour.
"""

from __future__ import annotations

import math
import textwrap
from typing import Any

from tutor.grading.drawing import Line, fits, side_by_side, to_text

SHADES = " ░▒▓█"
ASCII_SHADES = " .:#@"
GAP = 3
"""Columns between the learner's block and the expected block."""


NONFINITE = ("nan", "inf", "-inf")
"""How tutor.testing.tensor_diff writes a non-finite value (strict JSON has none)."""


def _float(value: float | str) -> float:
    return float(value)  # float("nan"), float("-inf") read the strings back


def _fmt(value: float | str) -> str:
    return value if isinstance(value, str) else f"{value:.6g}"


def _number(value: float | str, integers: bool) -> str:
    if isinstance(value, str):
        return value
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return str(int(value)) if integers else f"{value:.4g}"


def _worst_cell(diff: dict[str, Any]) -> tuple[int, int]:
    """Row and column of the worst element inside the window."""
    window, index = diff["window"], diff["worst_index"]
    row = index[-2] - window["top"] if len(index) >= 2 else 0
    col = index[-1] - window["left"] if index else 0
    return row, col


def _columns(diff: dict[str, Any], count: int) -> range:
    """``count`` window columns around the worst one."""
    total = len(diff["window"]["got"][0])
    count = min(count, total)
    _, col = _worst_cell(diff)
    start = max(0, min(col - count // 2, total - count))
    return range(start, start + count)


def _texts(diff: dict[str, Any]) -> dict[str, list[list[str]]]:
    window = diff["window"]
    values = [v for which in ("got", "expected") for row in window[which] for v in row]
    integers = all(math.isfinite(v) and v == int(v) and abs(v) < 1e12 for v in values
                   if not isinstance(v, str))
    return {which: [[_number(v, integers) for v in row] for row in window[which]]
            for which in ("got", "expected")}


def values_block(diff: dict[str, Any], which: str, columns: range | None = None,
                 title: str = "") -> list[Line]:
    """The window of ``which`` ('got' or 'expected'): wrong cells ``*``, the worst ``!``.

    Rows and columns are labelled with their indices in the tensor (a 1-D tensor has
    no row label, a 0-D one no labels at all).
    """
    window = diff["window"]
    texts = _texts(diff)
    dims = len(diff["shape"])
    columns = columns if columns is not None else range(len(window["got"][0]))
    indices = [str(window["left"] + c) for c in columns] if dims else [""]
    cell = max(max(len(t) for grid in texts.values() for row in grid for t in row),
               max(len(i) for i in indices)) + 2
    label = len(str(window["top"] + len(window["got"]) - 1)) + 1 if dims >= 2 else 0
    worst = _worst_cell(diff)
    other = "expected" if which == "got" else "got"
    lines: list[Line] = [[(title, "head")]] if title else []
    if dims:
        lines.append([(" " * label + "".join(i.rjust(cell - 1) + " " for i in indices), "dim")])
    for r, row in enumerate(texts[which]):
        line: Line = [(str(window["top"] + r).rjust(label - 1) + " ", "dim")] if label else []
        for c in columns:
            wrong = bool(window["wrong"][r][c])
            odd = wrong and (row[c] in NONFINITE) != (texts[other][r][c] in NONFINITE)
            if (r, c) == worst:
                line.append((f"{row[c]}!".rjust(cell), "worst"))
            elif odd:
                line.append((f"{row[c]}#".rjust(cell), "nonfinite"))
            else:
                line.append((f"{row[c]}{'*' if wrong else ' '}".rjust(cell),
                             "wrong" if wrong else ""))
        lines.append(line)
    return lines


def nonfinite_words(diff: dict[str, Any]) -> str:
    """"Yours has NaN at 3 of 12 elements where the expected value is finite, ..." or ""."""
    odd = diff.get("nonfinite")
    if not odd:
        return ""
    def kinds(counts: dict[str, int]) -> str:
        return " and ".join(f"{'NaN' if kind == 'nan' else kind} at {count}"
                            for kind, count in counts.items())
    parts = []
    if odd["yours_only"]:
        parts.append(f"yours has {kinds(odd['yours'])} of {diff['elements']} elements where "
                     "the expected value is finite")
    if odd["expected_only"]:
        parts.append(f"the expected value is {kinds(odd['expected'])} of {diff['elements']} "
                     "elements where yours is finite")
    if odd["count"] > odd["yours_only"] + odd["expected_only"]:
        parts.append(f"{odd['count'] - odd['yours_only'] - odd['expected_only']} elements "
                     "are non-finite on both sides, of different kinds")
    text = "; ".join(parts)
    return f"{text[0].upper()}{text[1:]} (first at {tuple(odd['first'])})."


def summary(diff: dict[str, Any]) -> str:
    where = tuple(diff["worst_index"])
    odd = nonfinite_words(diff)
    return (f"{diff['mismatches']} of {diff['elements']} values differ; the worst at {where}: "
            f"yours {_fmt(diff['worst_got'])}, expected {_fmt(diff['worst_expected'])}."
            + (f" {odd}" if odd else ""))


def windows(diff: dict[str, Any], width: int = 74) -> list[Line]:
    """Yours beside expected (fewer columns, then one above the other, when narrow)."""
    window = diff["window"]
    inside = f" in slice {tuple(window['slice'])}" if window["slice"] else ""
    titles = (f"Yours{inside}", f"Expected{inside}")
    total = len(window["got"][0])
    for count in range(total, 0 if total == 1 else 1, -1):  # two columns at least
        columns = _columns(diff, count)
        pair = side_by_side(values_block(diff, "got", columns, titles[0]),
                            values_block(diff, "expected", columns, titles[1]), GAP)
        if fits(pair, width):
            return pair
    columns = _columns(diff, total)
    stacked = values_block(diff, "got", columns, titles[0]) + \
        values_block(diff, "expected", columns, titles[1])
    for count in range(total, 0, -1):  # a very narrow screen: fewer columns, stacked
        columns = _columns(diff, count)
        stacked = values_block(diff, "got", columns, titles[0]) + \
            values_block(diff, "expected", columns, titles[1])
        if fits(stacked, width):
            break
    return stacked


def _heat_map(heat: dict[str, Any], peak: float, shades: str) -> list[Line]:
    label = f"slice {tuple(heat['slice'])}" if heat["slice"] else "whole tensor"
    lines: list[Line] = [[(label, "dim")]]
    for row in heat["values"]:
        line: Line = [("│", "dim")]
        for value in map(_float, row):
            step = min(len(shades) - 1, round(value / peak * (len(shades) - 1))) \
                if math.isfinite(value) else len(shades) - 1
            line.append((shades[step], f"heat{step}" if step else ""))
        lines.append([*line, ("│", "dim")])
    return lines


def heat_lines(diff: dict[str, Any], ascii_only: bool = False, width: int = 74) -> list[Line]:
    """|yours − expected| pooled (max) to small maps, darkest where the error is largest;
    slices of a 3-D/4-D tensor side by side as far as ``width`` allows."""
    finite = [_float(v) for m in diff["heat"] for row in m["values"] for v in row
              if math.isfinite(_float(v))]
    peak = max(finite, default=0.0) or 1.0
    # A slice with no error says nothing.
    maps = [_heat_map(h, peak, ASCII_SHADES if ascii_only else SHADES) for h in diff["heat"]
            if any(_float(v) != 0 for row in h["values"] for v in row)]
    if not maps:
        return []
    lines: list[Line] = [[("|yours − expected|, pooled (darker = larger):", "head")]]
    row: list[Line] = []
    for drawing in maps:
        joined = side_by_side(row, drawing, 2) if row else drawing
        if row and not fits(joined, width):
            lines += row
            joined = drawing
        row = joined
    return lines + row


def draw_diff(diff: dict[str, Any], width: int = 74, ascii_only: bool = False,
              heat: bool = True, with_summary: bool = True) -> list[Line]:
    """The whole drawing: summary, legend, both windows, the heat map (when ``heat``)."""
    lines: list[Line] = []
    if with_summary:
        lines += [[(part, "")] for part in textwrap.wrap(summary(diff), max(20, width))]
    legend = "* marks a wrong value, ! the worst"
    if diff.get("nonfinite"):
        legend += ", # a non-finite value facing a finite one"
    lines += [[(part, "dim")] for part in textwrap.wrap(legend + ":", max(20, width))]
    lines += windows(diff, width)
    return lines + (heat_lines(diff, ascii_only, width) if heat else [])


def describe_diff(diff: dict[str, Any], ascii_only: bool = False, heat: bool = True,
                  width: int = 74) -> list[str]:
    """:func:`draw_diff` as plain text lines (the CLI's form)."""
    return to_text(draw_diff(diff, width, ascii_only, heat))
