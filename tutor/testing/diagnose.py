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
SAMPLE_ABOVE = 1 << 14
"""Tensors with more elements are screened on a sample (see _diagnose_large)."""
SAMPLE_SIZE = 4096
CONFIRM_SIZE = 1 << 16
"""A pattern that fits the screening sample is confirmed on this many other evenly spaced
elements plus the SAMPLE_SIZE largest errors (every element when the tensor is smaller):
the largest errors are where a pattern that does not hold breaks, and confirming on all
of a (64, 3, 64, 64) tensor cost ~170 ms against the 50 ms budget of a failing verdict."""


@dataclass(frozen=True)
class Mistake:
    """One known mistake: ``explain(got, expected, fit)`` gives its message when it fits."""

    name: str
    explain: Explain
    moves: bool = False
    """It only moves values (a transpose, a reordering): tried only when the learner's
    values are the expected ones in some order, which one sort tells cheaply."""
    elementwise: bool = False
    """It compares element by element, so a sample of a large tensor can screen it."""


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
    Mistake("transposed", layout.transposed, moves=True),
    Mistake("memory order", layout.memory_order, moves=True),
    Mistake("negated", values.negated, elementwise=True),
    # a constant offset before a shift: on evenly spaced values (an arange) both fit,
    # and "+1 everywhere" is the plainer reading
    Mistake("offset", values.offset, elementwise=True),
    Mistake("shifted by one", layout.shifted),
    Mistake("reversed", layout.reversed_along, moves=True),
    Mistake("reordered", layout.reordered, moves=True),
    Mistake("shuffled along a dim", layout.shuffled_along, moves=True),
    Mistake("sign of some values", values.sign_of_some, elementwise=True),
    Mistake("scaled", values.scaled, elementwise=True),
    Mistake("scale factor", values.scale_factor, elementwise=True),
    Mistake("truncated", values.truncated, elementwise=True),
    Mistake("squared or square root", values.powered, elementwise=True),
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
    if expected.numel() > SAMPLE_ABOVE:
        return _diagnose_large(got, expected, extra, atol, rtol)
    got = got.detach().to("cpu", torch.float64)
    expected = expected.detach().to("cpu", torch.float64)
    fit = _fit(got, expected, atol, rtol)
    if fit is None:
        return None
    same_values: bool | None = None  # computed on first need: one sort of each tensor
    for candidate in (*extra, *BUILTIN):
        if candidate.moves:
            if same_values is None:
                same_values = _same_values(got, expected, fit)
            if not same_values:
                continue
        words = candidate.explain(got, expected, fit)
        if words:
            return Named(candidate.name, words)
    return None


def _fit(got: torch.Tensor, expected: torch.Tensor, atol: float, rtol: float) -> Fit | None:
    """The tolerance a pattern must meet, or None when nothing can be named (non-finite
    values, or no difference at all). Never below float32 rounding of these values."""
    if not (bool(torch.isfinite(got).all()) and bool(torch.isfinite(expected).all())):
        return None
    scale = max(values.scale_of(expected), values.scale_of(got), 1e-12)
    fit = Fit(got, max(atol, 1e-5 * scale), max(rtol, 1e-5))
    return None if fit(expected) else fit


def _diagnose_large(got: torch.Tensor, expected: torch.Tensor, extra: Sequence[Mistake],
                    atol: float, rtol: float) -> Named | None:
    """Large tensors: the element-by-element patterns screened on an evenly spaced sample
    (the moving ones are not tried); only a pattern that fits the sample is confirmed on
    every element. The exercise's own mistakes are tried on the whole tensors."""
    step = expected.numel() // SAMPLE_SIZE
    got_s = got.detach().flatten()[::step].to("cpu", torch.float64)
    expected_s = expected.detach().flatten()[::step].to("cpu", torch.float64)
    sample_fit = _fit(got_s, expected_s, atol, rtol)
    screened = [m for m in BUILTIN if m.elementwise and sample_fit is not None
                and m.explain(got_s, expected_s, sample_fit)]
    if not (screened or extra):
        return None
    got = got.detach().to("cpu", torch.float64)
    expected = expected.detach().to("cpu", torch.float64)
    # No full finiteness pass: a NaN or inf fails every fit, so it cannot earn a name.
    scale = max(values.scale_of(expected), values.scale_of(got), 1e-12)
    fit = Fit(got, max(atol, 1e-5 * scale), max(rtol, 1e-5))
    for candidate in extra:  # an exercise's own mistakes may depend on positions
        words = candidate.explain(got, expected, fit)
        if words:
            return Named(candidate.name, words)
    if not screened:
        return None
    got_c, expected_c = _confirmation_elements(got, expected, step)
    fit_c = Fit(got_c, fit.atol, fit.rtol)
    for candidate in screened:
        words = candidate.explain(got_c, expected_c, fit_c)
        if words:
            return Named(candidate.name, words)
    return None


def _confirmation_elements(got: torch.Tensor, expected: torch.Tensor, step: int
                           ) -> tuple[torch.Tensor, torch.Tensor]:
    """Elements the screening sample did not see, evenly spaced, and the largest errors."""
    flat_got, flat_expected = got.flatten(), expected.flatten()
    if flat_got.numel() <= CONFIRM_SIZE + SAMPLE_SIZE:
        return flat_got, flat_expected
    stride = max(1, flat_got.numel() // CONFIRM_SIZE)
    spaced = torch.arange(min(step // 2, stride - 1), flat_got.numel(), stride)
    worst = (flat_got - flat_expected).abs().topk(SAMPLE_SIZE).indices
    chosen = torch.cat([spaced, worst]).unique()
    return flat_got[chosen], flat_expected[chosen]


def _same_values(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> bool:
    """Are the learner's values the expected ones in some order? (needed for any move)

    Sorting is 1-Lipschitz in the max norm, so a move that fits within tolerance also
    fits after sorting both; above LARGE elements moves are not tried at all.
    """
    if expected.numel() > layout.LARGE:
        return False
    mine = got.flatten().sort().values
    wanted = expected.flatten().sort().values
    return Fit(mine, fit.atol, fit.rtol)(wanted)


def diagnose(got: torch.Tensor, expected: torch.Tensor, extra: Sequence[Mistake] = (),
             atol: float = 1e-5, rtol: float = 1.3e-6) -> str | None:
    """The message of the first mistake that explains ``got``, or None (see diagnose_mistake)."""
    named = diagnose_mistake(got, expected, extra, atol, rtol)
    return named.words if named else None
