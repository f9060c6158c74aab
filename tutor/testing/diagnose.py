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

from tutor.testing import layout_patterns as layout
from tutor.testing import value_patterns as values
from tutor.testing.value_patterns import MAX_DENOMINATOR, Fit, distinct

__all__ = ["BUILTIN", "MAX_DENOMINATOR", "Fit", "Mistake", "Named", "diagnose",
           "diagnose_mistake", "mistake"]

Explain = Callable[[torch.Tensor, torch.Tensor, Fit], "str | None"]


@dataclass(frozen=True)
class Mistake:
    """One known mistake: ``explain(got, expected, fit)`` gives its message when it fits."""

    name: str
    explain: Explain


@dataclass(frozen=True)
class Named:
    """The mistake that explains a learner's values: its name and the words for them."""

    name: str
    words: str


def mistake(name: str, produce: Callable[[], torch.Tensor], message: str) -> Mistake:
    """An exercise's own mistake: ``produce()`` computes what that mistake returns.

    ``produce`` runs only when a check fails, so it may be as costly as the reference.
    The mistake is named only when its tensor differs from the expected one (a
    symmetric kernel flipped is still the kernel) and reproduces the learner's values.

    Example (a check of a 2-D cross-correlation)::

        flipped = mistake("flipped kernel", lambda: F.conv2d(X, K.flip(0, 1)),
                          "your values match the kernel flipped: that is a true "
                          "convolution; cross-correlation slides K as it is.")
        assert_close(got, expected, mistakes=[flipped])
    """

    def explain(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
        candidate = produce().detach().to("cpu", torch.float64)
        if candidate.shape != expected.shape or fit(expected) or not fit(candidate) or \
                not distinct(candidate, expected, expected):
            return None
        return message

    return Mistake(name, explain)


BUILTIN: tuple[Mistake, ...] = (
    # places first: a transposed result must not be read as "some values scaled"
    Mistake("transposed", layout.transposed),
    Mistake("memory order", layout.memory_order),
    Mistake("negated", values.negated),
    Mistake("shifted by one", layout.shifted),
    Mistake("reversed", layout.reversed_along),
    Mistake("reordered", layout.reordered),
    Mistake("shuffled along a dim", layout.shuffled_along),
    Mistake("sign of some values", values.sign_of_some),
    Mistake("scaled", values.scaled),
    Mistake("scale factor", values.scale_factor),
    Mistake("offset", values.offset),
    Mistake("truncated", values.truncated),
    Mistake("squared or square root", values.powered),
    Mistake("normalised over another dim", values.normalised_elsewhere),
)


def diagnose_mistake(got: torch.Tensor, expected: torch.Tensor, extra: Sequence[Mistake] = (),
                     atol: float = 1e-5, rtol: float = 1.3e-6) -> Named | None:
    """The first mistake that explains ``got`` (its name and words), or None.

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
    scale = max(values.scale_of(expected), values.scale_of(got), 1e-12)
    fit = Fit(got, max(atol, 1e-5 * scale), max(rtol, 1e-5))
    if fit(expected):
        return None
    for candidate in (*extra, *BUILTIN):
        words = candidate.explain(got, expected, fit)
        if words:
            return Named(candidate.name, words)
    return None


def diagnose(got: torch.Tensor, expected: torch.Tensor, extra: Sequence[Mistake] = (),
             atol: float = 1e-5, rtol: float = 1.3e-6) -> str | None:
    """The message of the first mistake that explains ``got``, or None (see diagnose_mistake)."""
    named = diagnose_mistake(got, expected, extra, atol, rtol)
    return named.words if named else None
