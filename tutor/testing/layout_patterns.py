"""Named mistakes that put the right values in the wrong places.

A transpose or swapped dims, a reshape where a permute was wanted (memory order),
a slice off by one, a reversed order, rows in another order, values shuffled
along one dim. Same contract as tutor.testing.value_patterns; the costlier ones
skip tensors larger than LARGE so a failing verdict stays fast.
"""

from __future__ import annotations

import itertools

import torch

from tutor.testing.value_patterns import Fit, distinct, enough_wrong, varied

LARGE = 1 << 16
"""Elements above which the patterns that move values are not tried (diagnose.py)."""


def _swaps(expected: torch.Tensor) -> list[tuple[int, int]]:
    """Pairs of dims of equal size (swapping them keeps the shape), last two first."""
    n = expected.dim()
    pairs = [(a, b) for a, b in itertools.combinations(range(n), 2)
             if expected.shape[a] == expected.shape[b] and expected.shape[a] > 1]
    return sorted(pairs, key=lambda p: (-p[1], -p[0]))


def transposed(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    for a, b in _swaps(expected):
        candidate = expected.transpose(a, b)
        if not distinct(candidate, expected, expected) or not fit(candidate):
            continue
        if (a, b) == (expected.dim() - 2, expected.dim() - 1):
            return ("your result equals the expected one transposed (its last two dims "
                    "swapped): a .T too many or too few, or two arguments swapped?")
        return (f"your result equals the expected one with dims {a} and {b} swapped: "
                "check your transpose/permute (which dim holds what?).")
    return None


def _perms(n: int) -> list[tuple[int, ...]]:
    identity = tuple(range(n))
    return [p for p in itertools.permutations(range(n)) if p != identity]


def memory_order(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    """A reshape/view where a permute was wanted, or the other way round."""
    if not 2 <= expected.dim() <= 4 or expected.numel() > LARGE or \
            not enough_wrong(expected, fit, 2):
        return None
    shape = tuple(expected.shape)
    for p in _perms(expected.dim()):
        inverse = tuple(sorted(range(len(p)), key=p.__getitem__))
        moved = tuple(shape[i] for i in p)
        candidates = (expected.permute(p).reshape(shape),           # reshape, no permute
                      expected.reshape(moved).permute(inverse))    # permute of a reshape
        for candidate in candidates:
            if distinct(candidate, expected, expected) and fit(candidate):
                return ("your values are the expected ones read in another memory order: a "
                        "reshape or view where a permute/transpose was needed (reshape "
                        "keeps the order of the elements; it never moves a dim).")
    return None


def shifted(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    for dim in range(expected.dim()):
        size = expected.shape[dim]
        if size < 3:
            continue
        head, tail = expected.narrow(dim, 0, size - 1), expected.narrow(dim, 1, size - 1)
        if not distinct(head, tail, expected) or not enough_wrong(expected, fit):
            continue
        sub = Fit(got.narrow(dim, 0, size - 1), fit.atol, fit.rtol)
        if sub(tail):
            return (f"your values are the expected ones moved by one along dim {dim}: you "
                    f"return element i + 1 where element i belongs. A slice or index that "
                    f"starts one too late?")
        sub = Fit(got.narrow(dim, 1, size - 1), fit.atol, fit.rtol)
        if sub(head):
            return (f"your values are the expected ones moved by one along dim {dim}: you "
                    f"return element i − 1 where element i belongs. A slice or index that "
                    f"starts one too early?")
    return None


def reversed_along(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    for dim in range(expected.dim()):
        if expected.shape[dim] < 3:  # two elements reversed are just swapped
            continue
        candidate = expected.flip(dim)
        if distinct(candidate, expected, expected) and fit(candidate) and \
                enough_wrong(expected, fit, 2):
            return (f"your values are the expected ones in reverse order along dim {dim}: a "
                    "descending sort, a flip or a [::-1] too many (or too few)?")
    return None


def reordered(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    if expected.dim() < 1 or expected.shape[0] < 2:
        return None
    rows = expected.reshape(expected.shape[0], -1)
    if rows.shape[0] ** 2 * rows.shape[1] > 2**22:  # keep a failing verdict fast
        return None
    mine = got.reshape(got.shape[0], -1)
    allowed = fit.atol + fit.rtol * rows.abs()
    # matches[i, j]: learner row i equals expected row j within tolerance
    matches = ((mine[:, None, :] - rows[None, :, :]).abs() <= allowed[None]).all(dim=2)
    if not bool(matches.any(dim=1).all()) or bool(matches.diagonal().all()):
        return None
    unused = torch.ones(rows.shape[0], dtype=torch.bool)
    for row in matches:  # greedy: rows that are equal among themselves are interchangeable
        free = (row & unused).nonzero()
        if free.numel() == 0:
            return None
        unused[free[0, 0]] = False
    return ("you return the right slices along dim 0, in another order: check the order "
            "of your indices (or a sort that should not be there).")


def shuffled_along(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    """Each slice along one dim holds the expected values, in another order."""
    if expected.numel() > LARGE or not enough_wrong(expected, fit, 2):
        return None
    if int((expected == 0).sum()) * 2 > expected.numel():
        return None  # mostly zeros: any few moved values look "shuffled"
    for dim in reversed(range(expected.dim())):
        if expected.shape[dim] < 2:
            continue
        mine = got.sort(dim).values
        wanted = expected.sort(dim).values
        if varied(expected) and Fit(mine, fit.atol, fit.rtol)(wanted):
            return (f"every slice along dim {dim} holds the right values in the wrong order: "
                    "check which index picks each value (sorting the values themselves, "
                    "ranks where an order was wanted, the wrong index tensor?).")
    return None
