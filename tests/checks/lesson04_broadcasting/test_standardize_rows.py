"""Checks for lesson04/standardize_rows."""

import pytest
import torch
import torch.nn.functional as F

from tutor.testing import (
    assert_close,
    assert_no_loops,
    describe_call,
    forbidden,
    inputs_unchanged,
    mistake,
    noncontiguous,
    randn,
    require_function,
    shapes,
)

RULE = "Compute the row means and variances yourself and broadcast them."
FORBIDDEN = ("torch.nn.functional.layer_norm", "torch.layer_norm", "torch.native_layer_norm")


def _spec(X: torch.Tensor, eps: float) -> torch.Tensor:
    """F.layer_norm over the last dim without weights, computed in float64."""
    out = F.layer_norm(X.detach().cpu().double(), (X.shape[1],), eps=eps)
    return out.to(X.dtype).to(X.device)


def _hint(got, X, eps):
    if not isinstance(got, torch.Tensor) or tuple(got.shape) != tuple(X.shape) or X.numel() == 0:
        return None
    g, Xd = got.detach().cpu().double(), X.detach().cpu().double()
    n, d = X.shape
    if d > 1:
        unbiased = (Xd - Xd.mean(1, keepdim=True)) / (Xd.var(1, keepdim=True) + eps).sqrt()
        if torch.allclose(g, unbiased, atol=1e-4):
            return ("the variance divided by D - 1. torch.var does that by default; this "
                    "exercise divides by D (correction=0), as LayerNorm does.")
    if n > 1:
        by_column = (Xd - Xd.mean(0)) / (Xd.var(0, correction=0) + eps).sqrt()
        if torch.allclose(g, by_column, atol=1e-4):
            return "each COLUMN was standardised: reduce over dim=1, the row, not dim=0."
    if n == d:
        return ("on a square input, X.mean(dim=1) (shape (N,)) lines up with the columns, "
                "not the rows, without an error. Keep the dim: keepdim=True gives (N, 1).")
    return "subtract the row mean, then divide by sqrt(row variance + eps)."


def _call(fn, *args):
    """Run the learner's function; a broadcasting error becomes a message about keepdim."""
    try:
        return fn(*args)
    except RuntimeError as error:
        if "must match the size" not in str(error):
            raise
        raise AssertionError(
            f"{describe_call('standardize_rows', *args)} raised RuntimeError: {error}\n"
            "Hint: a row statistic of shape (N,) lines up with the LAST dim of X (D), not "
            "with its rows. Keep the reduced dim (keepdim=True) so it has shape (N, 1)."
        ) from None


def _check(fn, X, eps=None, expected=None, atol=1e-5, rtol=1e-4):
    args = (X,) if eps is None else (X, eps)
    eps_value = 1e-5 if eps is None else eps
    expected = _spec(X, eps_value) if expected is None else expected
    got = _call(fn, *args)
    call = describe_call("standardize_rows", *args)
    unbiased = mistake("unbiased variance", lambda: (X - X.mean(1, keepdim=True))
                       / (X.var(1, keepdim=True) + eps_value).sqrt(),
                       "that divides by the UNBIASED variance (D - 1, torch.var's default); "
                       "this exercise, like LayerNorm, divides by D: var(correction=0).")
    assert_close(got, expected, call=call, atol=atol, rtol=rtol, hint=_hint(got, X, eps_value),
                 mistakes=[unbiased], trace=shapes(fn, *args))


def test_small_example(exercise):
    """[[1, 2, 3], [10, 10, 10]] gives [[-1.2247, 0, 1.2247], [0, 0, 0]]"""
    standardize_rows = require_function(exercise, "standardize_rows")
    X = torch.tensor([[1.0, 2.0, 3.0], [10.0, 10.0, 10.0]])
    expected = torch.tensor([[-1.2247, 0.0, 1.2247], [0.0, 0.0, 0.0]])
    _check(standardize_rows, X, expected=expected, atol=1e-4)


@pytest.mark.parametrize("n, d", [(5, 3), (3, 7), (1, 6), (8, 2)])
def test_random_rows(exercise, rng, device, n, d):
    """matches F.layer_norm without weights on random (N, D) inputs, on X's device"""
    X = randn(n, d, generator=rng, device=device) * 3 + 2
    _check(exercise.standardize_rows, X)


def test_square_input(exercise, rng, device):
    """square inputs (N == D) standardise rows, not columns"""
    X = randn(4, 4, generator=rng, device=device) * 2 + torch.arange(4.0, device=device)[:, None]
    _check(exercise.standardize_rows, X)


def test_variance_divides_by_d(exercise, device):
    """the variance divides by D, not D - 1: [[0, 2]] gives [[-1, 1]] (up to eps)"""
    X = torch.tensor([[0.0, 2.0], [1.0, 5.0]], device=device)
    _check(exercise.standardize_rows, X)


def test_keeps_float64(exercise, rng, device):
    """float64 inputs give a float64 result"""
    X = randn(3, 5, generator=rng, dtype=torch.float64, device=device)
    _check(exercise.standardize_rows, X, atol=1e-10, rtol=1e-10)


def test_constant_rows_and_eps(exercise, rng, device):
    """a constant row gives zeros (no NaN), D = 1 works, and the eps argument is used"""
    X = torch.tensor([[3.0, 3.0, 3.0, 3.0], [1.0, 2.0, 3.0, 4.0]], device=device)
    _check(exercise.standardize_rows, X)
    _check(exercise.standardize_rows, randn(4, 1, generator=rng, device=device))
    _check(exercise.standardize_rows, X, 1.0)


def test_noncontiguous(exercise, rng, device):
    """works on non-contiguous inputs (a strided view)"""
    X = noncontiguous(randn(4, 6, generator=rng, device=device))
    _check(exercise.standardize_rows, X)


def test_rule_no_layer_norm_no_loops(exercise, rng):
    """rule: no F.layer_norm / nn.LayerNorm and no Python loops"""
    X = randn(3, 4, generator=rng)
    with forbidden(*FORBIDDEN, rule=RULE):
        got = _call(exercise.standardize_rows, X)
    assert_close(got, _spec(X, 1e-5), call=describe_call("standardize_rows", X), atol=1e-5,
                 rtol=1e-4, hint=_hint(got, X, 1e-5))
    assert_no_loops(exercise)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    standardize_rows = require_function(exercise, "standardize_rows")
    for args in [(torch.randn(4, 6, generator=rng),)]:
        with inputs_unchanged(describe_call("standardize_rows", *args), **dict(zip(("X",), args))):
            standardize_rows(*args)
