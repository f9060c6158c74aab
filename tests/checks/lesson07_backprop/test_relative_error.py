"""Checks for lesson07/relative_error."""

import pytest
import torch

from tutor.testing import describe, describe_call, randn, require_function

F64 = torch.float64


def _spec(a, b):
    """max|a − b| / max(|a| + |b|), element by element in plain Python."""
    pairs = list(zip(a.flatten().tolist(), b.flatten().tolist()))
    top = max(abs(p - q) for p, q in pairs)
    bottom = max(abs(p) + abs(q) for p, q in pairs)
    return 0.0 if bottom == 0 else top / bottom


def _call(exercise, a, b):
    relative_error = require_function(exercise, "relative_error")
    return relative_error(a, b), describe_call("relative_error", a, b)


def _assert_float(got, want, call, hint=None, tol=1e-12):
    if isinstance(got, torch.Tensor) or not isinstance(got, (float, int)):
        raise AssertionError(
            f"{call} returned {describe(got)}; expected a Python float like {want!r}."
            "\nHint: turn a 0-dim tensor into a Python number with .item().")
    if got != got:  # nan
        raise AssertionError(f"{call} returned nan; expected {want!r}."
                             + (f"\nHint: {hint}" if hint else ""))
    if abs(got - want) > tol * max(1.0, abs(want)):
        raise AssertionError(f"{call} returned {got!r}; expected {want!r}."
                             + (f"\nHint: {hint}" if hint else ""))


def test_small_example(exercise):
    """relative_error([1, 2, 3], [1, 2, 4]) is 1/7 ≈ 0.142857"""
    a, b = torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.0, 2.0, 4.0])
    got, call = _call(exercise, a, b)
    _assert_float(got, 1 / 7, call, tol=1e-7,
                  hint="the largest |a − b| is 1, the largest |a| + |b| is 3 + 4 = 7.")


def test_returns_python_float(exercise, rng):
    """returns a Python float, not a tensor"""
    a, b = randn(3, 4, generator=rng, dtype=F64), randn(3, 4, generator=rng, dtype=F64)
    got, call = _call(exercise, a, b)
    _assert_float(got, _spec(a, b), call)


@pytest.mark.parametrize("shape", [(5,), (3, 4), (2, 1, 6), (1,)])
def test_random_values(exercise, rng, shape):
    """matches max|a − b| / max(|a| + |b|) on random tensors of several shapes"""
    a = randn(*shape, generator=rng, dtype=F64)
    b = a + 0.1 * randn(*shape, generator=rng, dtype=F64)
    got, call = _call(exercise, a, b)
    _assert_float(got, _spec(a, b), call,
                  hint="both maxima run over all elements: max of |a − b|, divided by the "
                       "max of (|a| + |b|). Not a mean, and not max|a| + max|b|.")


def test_one_max_of_the_sum(exercise):
    """the denominator is the largest |a| + |b|, not max|a| + max|b|: [10, 0] vs [0, 10] gives 1.0"""
    a, b = torch.tensor([10.0, 0.0]), torch.tensor([0.0, 10.0])
    got, call = _call(exercise, a, b)
    _assert_float(got, 1.0, call,
                  hint="|a| + |b| is [10, 10], so its max is 10 (max|a| + max|b| would be 20).")


def test_both_zero(exercise):
    """two all-zero tensors give 0.0, not nan"""
    a, b = torch.zeros(2, 3), torch.zeros(2, 3)
    got, call = _call(exercise, a, b)
    _assert_float(got, 0.0, call, hint="0 / 0 is nan: test for a zero denominator first.")


def test_one_zero(exercise, rng):
    """a zero gradient against a non-zero one gives 1.0, the worst possible"""
    b = randn(4, generator=rng, dtype=F64)
    got, call = _call(exercise, torch.zeros(4, dtype=F64), b)
    _assert_float(got, 1.0, call)


def test_identical(exercise, rng):
    """identical tensors give 0.0"""
    a = randn(3, 3, generator=rng, dtype=F64)
    got, call = _call(exercise, a, a.clone())
    _assert_float(got, 0.0, call)


def test_inputs_unchanged(exercise, rng):
    """leaves a and b as they were (no in-place sub_, abs_ or /=)"""
    a = randn(4, 3, generator=rng, dtype=F64)
    b = a + 0.1 * randn(4, 3, generator=rng, dtype=F64)
    before_a, before_b = a.clone(), b.clone()
    got, call = _call(exercise, a, b)
    _assert_float(got, _spec(before_a, before_b), call)
    for name, now, then in (("a", a, before_a), ("b", b, before_b)):
        assert torch.equal(now, then), (
            f"after {call}, {name} has changed.\nHint: a.sub_(b) or a.abs_() write into the "
            "caller's gradient; use a - b and a.abs(), which make new tensors.")


def test_symmetric_and_scale_free(exercise, rng):
    """the same for (a, b), (b, a) and (1000·a, 1000·b)"""
    a = randn(6, generator=rng, dtype=F64)
    b = a + 1e-3 * randn(6, generator=rng, dtype=F64)
    want = _spec(a, b)
    for x, y in ((a, b), (b, a), (1000 * a, 1000 * b), (1e-3 * a, 1e-3 * b)):
        got, call = _call(exercise, x, y)
        _assert_float(got, want, call, tol=1e-9,
                      hint="divide by the size of a and b together (|a| + |b|), so the result "
                           "does not depend on the order or the scale.")
