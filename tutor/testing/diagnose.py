"""Named mistakes: explanations tried on a wrong tensor and its expected value.

When a learner's tensor has the right shape but wrong values, the assertion asks
this catalogue which known mistake, if any, turns the expected tensor into the
learner's: a transpose, a sum where a mean was wanted, an off-by-one slice, … A
mistake is named only when it reproduces the learner's values within tolerance;
otherwise nothing is said, because a wrong diagnosis teaches the wrong lesson.

Authors add mistakes of their own exercise with :func:`mistake`, giving the
tensor that mistake would produce (a softmax over the other dim, a flipped
kernel) and the words to say when it matches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import torch

Explain = Callable[[torch.Tensor, torch.Tensor, "Fit"], "str | None"]
MAX_DENOMINATOR = 4096
"""Largest N named in a ratio such as N or N/(N-1)."""


@dataclass(frozen=True)
class Fit:
    """Does a candidate tensor reproduce the learner's values? (the assertion's tolerance)"""

    got: torch.Tensor
    atol: float
    rtol: float

    def __call__(self, candidate: torch.Tensor) -> bool:
        if candidate.shape != self.got.shape:
            return False
        candidate = candidate.to(self.got.dtype)
        allowed = self.atol + self.rtol * candidate.abs()
        return bool(((self.got - candidate).abs() <= allowed).all())


@dataclass(frozen=True)
class Mistake:
    """One known mistake: ``explain(got, expected, fit)`` gives its message when it fits."""

    name: str
    explain: Explain


def mistake(name: str, produce: Callable[[], torch.Tensor], message: str) -> Mistake:
    """An exercise's own mistake: ``produce()`` computes what that mistake returns.

    Example (a check of a 2-D cross-correlation)::

        flipped = mistake("flipped kernel", lambda: F.conv2d(X, K.flip(0, 1)),
                          "your values match the kernel flipped: that is a true "
                          "convolution; cross-correlation slides K as it is.")
        assert_close(got, expected, mistakes=[flipped])
    """

    def explain(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
        candidate = produce().detach().to("cpu", torch.float64)
        if fit(expected.to(torch.float64)) or not fit(candidate):
            return None
        return message

    return Mistake(name, explain)


def _scale(expected: torch.Tensor) -> float:
    return float(expected.abs().max()) if expected.numel() else 0.0


def _distinct(a: torch.Tensor, b: torch.Tensor, expected: torch.Tensor) -> bool:
    """True when ``a`` and ``b`` differ by clearly more than rounding."""
    return bool(((a - b).abs() > 1e-6 * max(_scale(expected), 1e-12)).any())


def _transposed(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    if expected.dim() < 2 or expected.shape[-1] != expected.shape[-2]:
        return None
    candidate = expected.transpose(-2, -1)
    if not _distinct(candidate, expected, expected) or not fit(candidate):
        return None
    return ("your result equals the expected one transposed (its last two dims swapped): "
            "a .T too many or too few, or two arguments swapped?")


def _negated(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    if not _varied(expected[expected != 0]) or not fit(-expected):
        return None
    return ("every value has the wrong sign: a − b where b − a was meant, or a step "
            "added where it should be subtracted?")


def _whole(value: float, tolerance: float) -> int | None:
    """``value`` as an integer N with 2 <= N <= MAX_DENOMINATOR, if it is one."""
    if not 1.5 < value < MAX_DENOMINATOR + 0.5:
        return None
    n = round(value)
    return n if abs(value - n) <= tolerance * n else None


def _ratio_words(ratio: float) -> str | None:
    """Words for a scale factor that a common mistake produces, or None.

    The fact (the factor) is certain; the cause is offered as one possibility.
    """
    n = _whole(ratio, 1e-6)
    if n is not None:
        return (f"every value is exactly {n}× the expected one. A common cause: a sum where "
                f"a mean was wanted (N = {n}), or a factor applied twice.")
    n = _whole(1 / ratio, 1e-6)
    if n is not None:
        return (f"every value is exactly 1/{n} of the expected one. A common cause: a mean "
                f"where a sum was wanted (N = {n}), or a division too many.")
    for power, what in ((1, "variance"), (2, "standard deviation")):
        scaled = ratio**power
        root, close = ("√(", ")") if power == 2 else ("", "")
        if scaled > 1:  # N/(N-1) = scaled  ⇔  N = scaled/(scaled-1)
            n = _whole(scaled / (scaled - 1), 1e-3)
            if n is not None:
                return (f"every value is the expected one × {root}{n}/{n - 1}{close}. A common "
                        f"cause: dividing by N − 1 where N was wanted (the unbiased {what} "
                        f"where the biased one was asked for, N = {n}).")
        else:  # (N-1)/N = scaled  ⇔  N = 1/(1-scaled)
            n = _whole(1 / (1 - scaled), 1e-3)
            if n is not None:
                return (f"every value is the expected one × {root}{n - 1}/{n}{close}. A common "
                        f"cause: dividing by N where N − 1 was wanted (the biased {what} "
                        f"where the unbiased one was asked for, N = {n}).")
    return None


def _varied(expected: torch.Tensor) -> bool:
    """Enough distinct values that a pattern fitting them all is evidence, not chance."""
    return expected.numel() >= 2 and bool(expected.min() != expected.max())


def _scaled(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    big = expected.abs() > 1e-3 * _scale(expected)
    if not _varied(expected[big]):
        return None
    ratio = float((got[big] / expected[big]).median())
    if not torch.isfinite(torch.tensor(ratio)) or abs(ratio - 1) < 1e-9 or ratio <= 0:
        return None
    if not fit(expected * ratio):
        return None
    return _ratio_words(ratio) or (f"every value is the expected one × {ratio:.4g}: a scale "
                                   "factor is missing or wrong.")


def _offset(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    if not _varied(expected):
        return None
    shift = float((got - expected).median())
    if shift == 0 or not fit(expected + shift):
        return None
    return (f"every value is off by the same amount ({shift:+.4g}): a constant term is "
            "missing or extra (a bias, a +1, a gradient left from an earlier call?).")


def _truncated(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    if not bool((got == got.round()).all()) or bool((expected == expected.round()).all()):
        return None  # the learner's values must be whole numbers, the expected ones not
    for candidate in (expected.trunc(), expected.floor(), expected.round()):
        if fit(candidate):
            return ("your values are the expected ones with their fractions dropped: "
                    "integer division (//), an integer dtype, or a .long() too early?")
    return None


def _shifted(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    for dim in range(expected.dim()):
        size = expected.shape[dim]
        if size < 3:
            continue
        head, tail = expected.narrow(dim, 0, size - 1), expected.narrow(dim, 1, size - 1)
        if not _distinct(head, tail, expected):
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


def _reordered(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
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


BUILTIN: tuple[Mistake, ...] = (
    Mistake("transposed", _transposed),
    Mistake("negated", _negated),
    Mistake("scaled", _scaled),
    Mistake("offset", _offset),
    Mistake("truncated", _truncated),
    Mistake("shifted by one", _shifted),
    Mistake("reordered", _reordered),
)


def diagnose(got: torch.Tensor, expected: torch.Tensor, extra: Sequence[Mistake] = (),
             atol: float = 1e-5, rtol: float = 1.3e-6) -> str | None:
    """The message of the first mistake that explains ``got``, or None.

    The exercise's own mistakes are tried before the built-in ones, since they are
    more specific. Tolerances never go below float32 rounding: a float32 sum that is
    2× a float32 mean is still "a sum where a mean was wanted".
    """
    if got.shape != expected.shape or got.numel() == 0:
        return None
    got = got.detach().to("cpu", torch.float64)
    expected = expected.detach().to("cpu", torch.float64)
    if not (bool(torch.isfinite(got).all()) and bool(torch.isfinite(expected).all())):
        return None
    scale = max(_scale(expected), _scale(got), 1e-12)
    fit = Fit(got, max(atol, 1e-5 * scale), max(rtol, 1e-5))
    if fit(expected):
        return None
    for candidate in (*extra, *BUILTIN):
        words = candidate.explain(got, expected, fit)
        if words:
            return words
    return None
