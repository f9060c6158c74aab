"""Named mistakes that change the values, not their places: a scale, an offset, a sign.

Each pattern is ``(got, expected, fit) -> words | None`` (see tutor.testing.diagnose):
it builds the tensor its mistake would give from ``expected`` and names the mistake
only when ``fit`` says that tensor reproduces the learner's values. A pattern with a
fitted number (a ratio, a shift) needs enough varied values that fitting them all is
evidence, not chance.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

MAX_DENOMINATOR = 4096
"""Largest N named in a ratio such as N or N/(N-1)."""
MIN_EVIDENCE = 3
"""Fewest wrong elements a fitted pattern must explain (one free number, two checks)."""


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

    def wrong(self, expected: torch.Tensor) -> torch.Tensor:
        """Where the learner's values differ from ``expected`` (a bool mask)."""
        allowed = self.atol + self.rtol * expected.abs()
        return (self.got - expected).abs() > allowed


def scale_of(expected: torch.Tensor) -> float:
    """The largest magnitude in ``expected`` (0 for an empty tensor)."""
    return float(expected.abs().max()) if expected.numel() else 0.0


def distinct(a: torch.Tensor, b: torch.Tensor, expected: torch.Tensor) -> bool:
    """True when ``a`` and ``b`` differ by clearly more than rounding."""
    return bool(((a - b).abs() > 1e-6 * max(scale_of(expected), 1e-12)).any())


def varied(values: torch.Tensor) -> bool:
    """Enough distinct values that a pattern fitting them all is evidence, not chance."""
    return values.numel() >= 2 and bool(values.min() != values.max())


def median(values: torch.Tensor, most: int = 4096) -> float:
    """The median of ``values``, from an evenly spaced sample when there are many.

    A fitted number only proposes a candidate; the fit on every element decides.
    """
    flat = values.flatten()
    return float(flat[:: max(1, flat.numel() // most)].median())


def enough_wrong(expected: torch.Tensor, fit: Fit, least: int = MIN_EVIDENCE) -> bool:
    """At least ``least`` elements are wrong: the evidence a fitted number needs."""
    return int(fit.wrong(expected).sum()) >= least


def negated(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    if not varied(expected[expected != 0]) or not fit(-expected):
        return None
    return ("every value has the wrong sign: a − b where b − a was meant, or a step "
            "added where it should be subtracted?")


def sign_of_some(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    """|got| == |expected| but some signs differ: an abs() missing or one too many."""
    sizes = Fit(got.abs(), fit.atol, fit.rtol)
    if not varied(expected) or not enough_wrong(expected, fit, 2) or not sizes(expected.abs()):
        return None
    if bool((expected >= 0).all()) and bool((got < 0).any()):
        return ("your values have the expected sizes but some are negative where the "
                "expected ones are not: an abs() missing?")
    if bool((got >= 0).all()) and bool((expected < 0).any()):
        return ("your values have the expected sizes but none is negative: an abs() "
                "(or a square root of a square) too many?")
    return None


def _whole(value: float, tolerance: float) -> int | None:
    """``value`` as an integer N with 2 <= N <= MAX_DENOMINATOR, if it is one."""
    if not 1.5 < value < MAX_DENOMINATOR + 0.5:
        return None
    n = round(value)
    return n if abs(value - n) <= tolerance * n else None


def ratio_words(ratio: float) -> str | None:
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
                return (f"every value is the expected one × {root}{n}/{n - 1}{close}: a divisor "
                        f"one too small. A common cause: dividing by N − 1 where N was wanted "
                        f"(the unbiased {what} where the biased one was asked for, N = {n}).")
        else:  # (N-1)/N = scaled  ⇔  N = 1/(1-scaled)
            n = _whole(1 / (1 - scaled), 1e-3)
            if n is not None:
                return (f"every value is the expected one × {root}{n - 1}/{n}{close}: a divisor "
                        f"one too large. A common cause: dividing by N where N − 1 was wanted "
                        f"(the biased {what} where the unbiased one was asked for, N = {n}), "
                        f"or one item too many in a count.")
    return None


def _ratio(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> float | None:
    """The one factor that turns ``expected`` into ``got``, if there is one."""
    big = expected.abs() > 1e-3 * scale_of(expected)
    if not varied(expected[big]) or not enough_wrong(expected, fit, 2):
        return None
    ratio = median(got[big] / expected[big])
    if not torch.isfinite(torch.tensor(ratio)) or abs(ratio - 1) < 1e-9 or ratio <= 0:
        return None
    return ratio if fit(expected * ratio) else None


def scaled(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    """A factor a common mistake gives: N (sum for mean), 1/N, N/(N − 1) and its root.

    A whole N or 1/N is named from two wrong values; any other ratio needs three, since
    two values fit any ratio when the inputs happen to be proportional.
    """
    ratio = _ratio(got, expected, fit)
    if ratio is None:
        return None
    whole = _whole(ratio, 1e-6) or _whole(1 / ratio, 1e-6)
    if whole is None and not enough_wrong(expected, fit):
        return None
    return ratio_words(ratio)


def scale_factor(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    """Any other single factor: a fact, with no cause offered."""
    ratio = _ratio(got, expected, fit)
    if ratio is None or not enough_wrong(expected, fit) or ratio_words(ratio):
        return None
    return (f"every value is the expected one × {ratio:.4g}: right up to one factor (a scale "
            "missing, applied twice, or inverted?).")


def offset(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    if not varied(expected) or not enough_wrong(expected, fit):
        return None
    shift = median(got - expected)
    if shift == 0 or not fit(expected + shift):
        return None
    return (f"every value is off by the same amount ({shift:+.4g}): a constant term is "
            "missing or extra (a bias, a +1, a gradient left from an earlier call?).")


def truncated(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    if not bool((got == got.round()).all()) or bool((expected == expected.round()).all()):
        return None  # the learner's values must be whole numbers, the expected ones not
    fractional = (expected != expected.round()) & fit.wrong(expected)
    if int(fractional.sum()) < MIN_EVIDENCE:
        return None  # a few whole numbers that happen to be near the answer prove nothing
    for candidate in (expected.trunc(), expected.floor()):
        if fit(candidate):
            return ("your values are the expected ones with their fractions dropped: "
                    "integer division (//), an integer dtype, or a .long() too early?")
    return None


def powered(got: torch.Tensor, expected: torch.Tensor, fit: Fit) -> str | None:
    """got == expected² or √expected: a square root missing or one too many."""
    if not varied(expected) or not enough_wrong(expected, fit, 2):
        return None
    if fit(expected.square()):
        return ("your values are the expected ones squared: a square root missing (a "
                "variance where a standard deviation was wanted, a squared distance?)")
    if bool((expected >= 0).all()) and fit(expected.sqrt()):
        return ("your values are the square roots of the expected ones: a square root too "
                "many (a standard deviation where a variance was wanted, a distance where "
                "its square was?)")
    return None


def _unit_dims(t: torch.Tensor, value: float, reduce: str, tol: float) -> list[int]:
    """The dims along which ``t`` sums (or averages) to ``value`` in every slice."""
    found = []
    for dim in range(t.dim()):
        if t.shape[dim] < 2:
            continue
        total = t.sum(dim) if reduce == "sum" else t.mean(dim)
        if bool(((total - value).abs() <= tol * t.shape[dim]).all()):
            found.append(dim)
    return found


def normalised_elsewhere(got: torch.Tensor, expected: torch.Tensor,
                         fit: Fit) -> str | None:
    """Sums to 1 (a softmax, a normalisation) along another dim than the expected one."""
    if expected.dim() < 1 or expected.numel() < 4 or not enough_wrong(expected, fit, 2):
        return None
    if bool((expected < 0).any()) or bool((got < 0).any()):
        return None
    tol = 4 * fit.atol + 4 * fit.rtol
    mine, wanted = _unit_dims(got, 1.0, "sum", tol), _unit_dims(expected, 1.0, "sum", tol)
    if wanted and not set(mine) & set(wanted):
        where = (f"dim {mine[0]}" if mine else "the whole tensor"
                 if abs(float(got.sum()) - 1) <= tol * got.numel() else None)
        if where:
            return (f"your values sum to 1 along {where}, the expected ones along dim "
                    f"{wanted[0]}: a softmax or normalisation over the wrong dim (or over "
                    "everything)?")
    return None
