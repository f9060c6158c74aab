"""Drawings of a shape trace (the data comes from tutor.testing.trace).

Two kinds: ``lines`` (the shape of every tensor each line of the learner's
function bound, beside the reference's, the first diverging line marked ``▶``)
and ``layers`` (an ``nn.Module``'s per-layer output shapes and parameter counts,
learner vs reference). No torch here: the app and the CLI draw the same lines.
"""

from __future__ import annotations

import textwrap
from typing import Any

from tutor.grading.drawing import Line, fits, side_by_side
from tutor.grading.drawing import width as width_of

SIDE_BY_SIDE = 96
"""Below this width the reference's trace goes under the learner's."""


def _clip(text: str, room: int) -> str:
    return text if len(text) <= room else text[: max(1, room - 1)] + "…"


def _shapes(tensors: dict[str, str]) -> str:
    return ", ".join(f"{name}: {brief}" for name, brief in tensors.items())


def _yours(data: dict[str, Any], width: int) -> list[Line]:
    steps, diverged = data["yours"]["steps"], data["diverged"]
    longest = max((len(_shapes(s["tensors"])) for s in steps), default=0)
    raised = data["yours"].get("raised_at")
    code = max([len(s["source"]) for s in steps] + [len(raised["source"]) if raised else 0])
    room = max(12, min(code, width - longest - 9))
    lines: list[Line] = [[(f"Your {data.get('function', 'function')}, line by line:", "head")]]
    lines += _arguments(data["yours"], width)
    for step in steps:
        marked = step["line"] == diverged
        line: Line = [("▶" if marked else " ", "mark"), (f"{step['line']:>4}  ", "dim"),
                      (f"{_clip(step['source'], room):<{room}}  ", "mark" if marked else ""),
                      (_clip(_shapes(step["tensors"]), max(12, width - room - 9)),
                       "wrong" if marked else "")]
        lines.append(line)
    if raised:
        marked = raised["line"] == diverged
        lines.append([("▶" if marked else " ", "mark"), (f"{raised['line']:>4}  ", "dim"),
                      (f"{_clip(raised['source'], room):<{room}}  ", "mark" if marked else ""),
                      ("raised here", "wrong")])
    return lines + _ending(data["yours"], width)


def _arguments(trace: dict[str, Any], width: int) -> list[Line]:
    """``called with x: float32 (2, 3), …``, wrapped at ``width``."""
    lines: list[Line] = []
    for name, brief in (trace.get("arguments") or {}).items():
        item = f"{name}: {brief}"
        if lines and width_of(lines[-1]) + len(item) + 2 <= width:
            lines[-1].append((", " + item, ""))
        else:
            lines.append([("  called with " if not lines else " " * 14, "dim"), (item, "")])
    return lines


def _reference(data: dict[str, Any], width: int) -> list[Line]:
    lines: list[Line] = [[("The reference, step by step:", "head")]]
    lines += _arguments(data["reference"], width)
    for number, step in enumerate(data["reference"]["steps"], 1):
        lines.append([(f"{number:>3}  ", "dim"), (_clip(_shapes(step["tensors"]), width - 5), "")])
    return lines + _ending(data["reference"], width)


def _ending(trace: dict[str, Any], width: int) -> list[Line]:
    lines: list[Line] = []
    if trace.get("truncated"):
        lines.append([("      … (only the first lines are shown)", "dim")])
    if trace.get("raised"):
        lines += [[(f"      {part}", "wrong")] for part in
                  textwrap.wrap(f"raised {trace['raised']}", max(20, width - 6))]
    return lines


def _lines_kind(data: dict[str, Any], width: int) -> list[Line]:
    stacked = _yours(data, width) + [[]] + _reference(data, width)
    body = stacked
    if width >= SIDE_BY_SIDE:
        left = (width - 3) * 3 // 5
        pair = side_by_side(_yours(data, left), _reference(data, width - 3 - left), 3)
        body = pair if fits(pair, width) else stacked
    raised = data["yours"].get("raised_at")
    if raised and raised["line"] == data["diverged"]:
        body.append([("▶", "mark"), (f" line {data['diverged']} raised the error: compare the "
                                     "shapes it got with the reference's.", "")])
    elif data["diverged"] is not None:
        body.append([("▶", "mark"), (f" line {data['diverged']}: the first shape the reference "
                                     "never makes. Start looking there.", "")])
    return body


def _layers_kind(data: dict[str, Any], width: int) -> list[Line]:
    name = max(10, min(24, width - 58))
    lines: list[Line] = [[(f"{'#':>3}  {'your layer':<{name}} {'your output':<16} "
                           f"{'reference':<16} params yours/ref", "head")]]
    for index, row in enumerate(data["rows"]):
        first = index == data["first_bad"]
        marker: Line = [("▶" if first else " ", "mark"), (f"{index:>2}  ", "dim")]
        mine, theirs = row["yours"], row["reference"] or ["—", "—", 0]
        if mine is not None and str(mine[0]).startswith("raised "):
            lines.append([*marker, (_clip(f"{mine[0]}: {mine[1]}", width - 5), "wrong")])
            continue
        if mine is None:
            lines.append([*marker, (f"{'(not reached)':<{name}} {'':<16} ", "dim"),
                          (f"{_clip(str(theirs[1]), 16):<16} ", ""), (f"— / {theirs[2]:,}", "dim")])
            continue
        shape_bad, params_bad = mine[1] != theirs[1], mine[2] != theirs[2]
        lines.append([*marker, (f"{_clip(str(mine[0]), name):<{name}} ", "mark" if first else ""),
                      (f"{_clip(str(mine[1]), 15) + ('*' if shape_bad else ''):<16} ",
                       "wrong" if shape_bad else ""),
                      (f"{_clip(str(theirs[1]), 16):<16} ", ""),
                      (f"{mine[2]:,} / {theirs[2]:,}{'*' if params_bad else ''}",
                       "wrong" if params_bad else "")])
    mine_total, ref_total = data["totals"]
    lines.append([(f"     {'total parameters':<{name + 34}}{mine_total:,} / {ref_total:,}",
                   "wrong" if mine_total != ref_total else "dim")])
    if data["first_bad"] is not None:
        lines.append([("▶", "mark"), (f" row {data['first_bad']} is the first layer whose "
                                      "output or parameters differ;", "")])
        lines.append([("  * marks each difference.", "dim")])
    return lines


def draw_trace(data: dict[str, Any], width: int = 74) -> list[Line]:
    """The trace drawing for ``width`` columns (``lines`` side by side from 96 up)."""
    if data.get("kind") == "layers":
        return _layers_kind(data, width)
    return _lines_kind(data, width)


def headline(data: dict[str, Any]) -> str:
    """One line saying where to look, for a list row or a message."""
    if data.get("kind") == "layers":
        bad = data.get("first_bad")
        return "every layer matches the reference's shapes" if bad is None else \
            f"layer {bad} is the first whose output or parameters differ from the reference's"
    line = data.get("diverged")
    return "no line makes a shape the reference never makes" if line is None else \
        f"line {line} is the first to make a shape the reference never makes"
