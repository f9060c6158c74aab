"""The data of a tensor mismatch, for front ends to draw (the grading child side).

``assert_close`` attaches :func:`tensor_diff`'s dict to the AssertionError it
raises; the collector sends it with the check's result, so the app, the CLI and
JSON consumers can show the learner's values beside the expected ones without
importing torch. Everything in it is plain (strict) JSON: lists of floats and ints,
with a non-finite value written as the string ``"nan"``, ``"inf"`` or ``"-inf"``.
Where the learner's value is non-finite and the expected one is not (or the reverse),
``nonfinite`` counts those cells by kind and names the first.
"""

from __future__ import annotations

import math
from typing import Any

import torch

WINDOW = 6
"""Rows and columns of values shown around the worst element."""
HEAT_ROWS, HEAT_COLS = 8, 24
"""The heat map of |got - expected| is pooled down to at most this size per slice."""
MAX_SLICES = 4


def _index(flat: int, shape: torch.Size) -> list[int]:
    index = []
    for size in reversed(shape):
        index.append(flat % size)
        flat //= size
    return list(reversed(index))


def plain(value: float) -> float | str:
    """A float for JSON: non-finite values as ``"nan"``, ``"inf"``, ``"-inf"``."""
    if math.isfinite(value):
        return value
    return "nan" if math.isnan(value) else "inf" if value > 0 else "-inf"


def _plain_rows(t: torch.Tensor) -> list[list[float | str]]:
    return [[plain(v) for v in row] for row in t.tolist()]


def _kinds(t: torch.Tensor) -> dict[str, int]:
    counts = {"nan": int(torch.isnan(t).sum()), "inf": int(torch.isposinf(t).sum()),
              "-inf": int(torch.isneginf(t).sum())}
    return {kind: count for kind, count in counts.items() if count}


def nonfinite_cells(got: torch.Tensor, want: torch.Tensor) -> torch.Tensor:
    """True where one side is non-finite and the other is not the same non-finite value."""
    got_bad, want_bad = ~torch.isfinite(got), ~torch.isfinite(want)
    same = (torch.isnan(got) & torch.isnan(want)) | (got_bad & want_bad & (got == want))
    return (got_bad | want_bad) & ~same


def nonfinite(got: torch.Tensor, want: torch.Tensor) -> dict[str, Any] | None:
    """Cells where exactly one side is non-finite (or both, of different kinds), or None.

    ``yours``/``expected``: counts by kind ("nan", "inf", "-inf") of the non-finite
    values at those cells on each side; ``first``: the first such cell's index.
    """
    if not (got.is_floating_point() and want.is_floating_point()):
        return None
    got_bad, want_bad = ~torch.isfinite(got), ~torch.isfinite(want)
    cells = nonfinite_cells(got, want)
    if not bool(cells.any()):
        return None
    first = int(cells.flatten().nonzero()[0])
    return {"count": int(cells.sum()), "yours": _kinds(got[cells & got_bad]),
            "expected": _kinds(want[cells & want_bad]), "first": _index(first, got.shape),
            "yours_only": int((cells & got_bad & ~want_bad).sum()),
            "expected_only": int((cells & want_bad & ~got_bad).sum())}


def _as_2d(t: torch.Tensor) -> torch.Tensor:
    if t.dim() == 0:
        return t.reshape(1, 1)
    if t.dim() == 1:
        return t.reshape(1, -1)
    return t


def _window(got: torch.Tensor, want: torch.Tensor, wrong: torch.Tensor,
            worst: list[int]) -> dict[str, Any]:
    """Up to WINDOW×WINDOW values of the 2-D slice that holds the worst element."""
    lead = tuple(worst[:-2]) if got.dim() > 2 else ()
    g2, w2, m2 = (_as_2d(t[lead] if lead else t) for t in (got, want, wrong))
    row = worst[-2] if got.dim() >= 2 else 0
    col = worst[-1] if got.dim() >= 1 else 0
    top = max(0, min(row - WINDOW // 2, g2.shape[0] - WINDOW))
    left = max(0, min(col - WINDOW // 2, g2.shape[1] - WINDOW))
    rows = slice(top, top + WINDOW)
    cols = slice(left, left + WINDOW)
    return {"slice": list(lead), "top": top, "left": left,
            "got": _plain_rows(g2[rows, cols]), "expected": _plain_rows(w2[rows, cols]),
            "wrong": m2[rows, cols].tolist()}


def _heat(error: torch.Tensor) -> list[dict[str, Any]]:
    """|got - expected| pooled (max) to fit HEAT_ROWS×HEAT_COLS, for the MAX_SLICES worst slices."""
    if error.dim() < 2 or error.numel() <= WINDOW * WINDOW:
        return []
    slices = error.reshape(-1, *error.shape[-2:])
    # The slices with the largest errors (a wrong slice may come late), in tensor order.
    peaks = slices.flatten(1).max(dim=1).values
    chosen = sorted(peaks.argsort(descending=True, stable=True)[:MAX_SLICES].tolist())
    maps = []
    for number in chosen:
        plane = slices[number]
        rows = min(HEAT_ROWS, plane.shape[0])
        cols = min(HEAT_COLS, plane.shape[1])
        pooled = torch.nn.functional.adaptive_max_pool2d(plane[None, None], (rows, cols))[0, 0]
        maps.append({"slice": _index(number, error.shape[:-2]) if error.dim() > 2 else [],
                     "values": _plain_rows(pooled)})
    return maps


def tensor_diff(got: torch.Tensor, want: torch.Tensor, wrong: torch.Tensor, worst: int,
                named: str | None, pattern: str | None = None) -> dict[str, Any]:
    """Plain data describing where ``got`` (CPU) differs from ``want`` (same shape).

    ``named`` is the words of the named mistake, ``pattern`` its catalogue name.
    """
    worst_index = _index(worst, got.shape)
    error = (got.to(torch.float64) - want.to(torch.float64)).abs()
    error = torch.where(torch.isnan(error), torch.full_like(error, float("inf")), error)
    return {
        "shape": list(got.shape),
        "mismatches": int(wrong.sum()),
        "elements": got.numel(),
        "worst_index": worst_index,
        "worst_got": plain(float(got.flatten()[worst])),
        "worst_expected": plain(float(want.flatten()[worst])),
        "window": _window(got.to(torch.float64), want.to(torch.float64), wrong, worst_index),
        "heat": _heat(error),
        "max_error": plain(float(error.max())),
        "nonfinite": nonfinite(got, want),
        "named_mistake": named,
        "named_pattern": pattern,
    }
