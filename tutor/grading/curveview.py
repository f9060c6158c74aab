"""Loss curves as text: one sparkline each, learner over reference, on one scale.

The data comes from tutor.testing.feedback.loss_curves (``None`` marks a loss that
was NaN or infinite). The CLI prints these lines; the app plots the same data with
textual-plotext and keeps these lines under the plot as the numbers' summary.
"""

from __future__ import annotations

import math
from typing import Any

from tutor.grading.drawing import Line

BLOCKS = "▁▂▃▄▅▆▇█"
ASCII_BLOCKS = "_.-:=+*#"
NOT_FINITE, ASCII_NOT_FINITE = "×", "x"


def _buckets(values: list[float | None], count: int) -> list[float | None]:
    """``values`` shrunk to ``count`` points (the mean of each run; None if one was None)."""
    if len(values) <= count:
        return values
    out: list[float | None] = []
    for i in range(count):
        part = values[i * len(values) // count:(i + 1) * len(values) // count]
        out.append(None if any(v is None for v in part) else
                   sum(v for v in part if v is not None) / len(part))
    return out


def log_scale(curves: dict[str, Any]) -> bool:
    """Losses (never negative) spanning more than two orders of magnitude read better on a
    log scale; a loss of exactly 0 is drawn at the smallest positive one."""
    finite = [v for key in ("yours", "reference") for v in curves[key] if v is not None]
    positive = [v for v in finite if v > 0]
    return bool(positive) and min(finite) >= 0 and max(positive) / min(positive) > 100


def value_range(curves: dict[str, Any]) -> tuple[float, float]:
    """(low, high) of both curves; on a log scale ``low`` is the smallest positive loss."""
    finite = [v for key in ("yours", "reference") for v in curves[key] if v is not None]
    if not finite:
        return 0.0, 1.0
    if log_scale(curves):
        return min(v for v in finite if v > 0), max(finite)
    return min(finite), max(finite)


def sparkline(values: list[float | None], low: float, high: float, width: int,
              ascii_only: bool = False, log: bool = False) -> str:
    blocks = ASCII_BLOCKS if ascii_only else BLOCKS

    def scaled(v: float) -> float:
        return math.log10(max(v, low)) if log else v

    lo, hi = scaled(low), scaled(high)
    out = []
    for value in _buckets(values, width):
        if value is None:
            out.append(ASCII_NOT_FINITE if ascii_only else NOT_FINITE)
        else:
            share = 0.0 if hi == lo else (scaled(value) - lo) / (hi - lo)
            out.append(blocks[min(len(blocks) - 1, max(0, round(share * (len(blocks) - 1))))])
    return "".join(out)


def _ends(values: list[float | None], length: int) -> str:
    def fmt(v: float | None) -> str:
        return "nan/inf" if v is None else f"{v:.4g}"

    if not values:
        return "(no values)"
    return f"{fmt(values[0])} → {fmt(values[-1])} ({length} {'value' if length == 1 else 'values'})"


def draw_curves(curves: dict[str, Any], width: int = 74, ascii_only: bool = False) -> list[Line]:
    """Two labelled sparklines on one scale, with each curve's first and last value."""
    low, high = value_range(curves)
    log = log_scale(curves)
    room = max(8, min(max(len(curves["yours"]), len(curves["reference"]), 1), width - 40))
    lengths = curves.get("length", [len(curves["yours"]), len(curves["reference"])])
    scale = ", log scale" if log else ""
    lines: list[Line] = [[(f"{curves.get('label', 'loss')} per {curves.get('x', 'step')}, "
                           f"yours vs the reference ({low:.4g} … {high:.4g}{scale}):", "head")]]
    arrow = "->" if ascii_only else "→"
    for name, key, length, role in (("yours", "yours", lengths[0], "wrong"),
                                    ("reference", "reference", lengths[1], "ok")):
        line = sparkline(curves[key], low, high, room, ascii_only, log)
        lines.append([(f"  {name:<10}", "dim"), (line, role),
                      ("  " + _ends(curves[key], length).replace("→", arrow), "")])
    if any(v is None for v in curves["yours"]):
        mark = ASCII_NOT_FINITE if ascii_only else NOT_FINITE
        lines.append([(f"  {mark} marks a loss that was NaN or infinite: the run diverged.",
                       "wrong")])
    return lines
