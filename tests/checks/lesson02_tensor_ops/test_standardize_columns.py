"""Checks for lesson02/standardize_columns."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_no_loops,
    assert_tensor,
    describe_call,
    inputs_unchanged,
    noncontiguous,
    randn,
    require_function,
)

DIM_HINT = ("each column is one feature: reduce over the rows with dim=0. The (D,) results "
            "line up with X's last dim, so (X - mean) / std broadcasts without keepdim.")
STD_HINT = ("torch.std divides by N - 1 by default (correction=1); the population std "
            "divides by N: X.std(dim=0, correction=0), as np.std does.")


def _run(exercise, X: torch.Tensor):
    standardize_columns = require_function(exercise, "standardize_columns")
    call = describe_call("standardize_columns", X)
    try:
        return standardize_columns(X), call
    except NotImplementedError:
        raise
    except RuntimeError as error:
        if "must match the size" in str(error):
            raise AssertionError(f"{call} raised RuntimeError: {error}\nHint: "
                                 f"{DIM_HINT}") from error
        raise


def _hint(got, X: torch.Tensor) -> str:
    """STD_HINT when got is the N - 1 version with the right dims, else DIM_HINT."""
    X64 = X.detach().cpu().double()
    unbiased = (X64 - X64.mean(dim=0)) / X64.std(dim=0)
    if isinstance(got, torch.Tensor) and got.shape == X.shape and torch.allclose(
            got.detach().cpu().double(), unbiased, atol=1e-4, rtol=1e-4):
        return STD_HINT
    return DIM_HINT + " Use the population std: X.std(dim=0, correction=0)."


def _spec(X: torch.Tensor) -> torch.Tensor:
    """Column by column in float64, dividing by N."""
    X64 = X.detach().cpu().double()
    out = torch.empty_like(X64)
    n = X64.shape[0]
    for d in range(X64.shape[1]):
        column = X64[:, d]
        mean = column.sum() / n
        std = (((column - mean) ** 2).sum() / n).sqrt()
        out[:, d] = (column - mean) / std
    return out.to(X.dtype)


def test_small_example(exercise):
    """[[1, 10], [3, 10], [5, 40]] becomes [[-1.2247, -0.7071], [0, -0.7071], [1.2247, 1.4142]]"""
    X = torch.tensor([[1.0, 10.0], [3.0, 10.0], [5.0, 40.0]])
    got, call = _run(exercise, X)
    assert_close(got, _spec(X), call=call, atol=1e-4, rtol=1e-4, hint=_hint(got, X))


def test_shape(exercise, rng):
    """keeps the shape: X (5, 3) gives (5, 3)"""
    got, call = _run(exercise, randn(5, 3, generator=rng))
    assert_tensor(got, call=call, shape=(5, 3), dtype=torch.float32, hint=DIM_HINT)


def test_columns_mean_zero_std_one(exercise, rng, device):
    """every column of the result has mean 0 and population std 1"""
    X = randn(20, 4, generator=rng) * 5 + 3
    got, call = _run(exercise, X.to(device))
    assert_tensor(got, call=call, shape=(20, 4), device=device, hint=DIM_HINT)
    assert_close(got.mean(dim=0), torch.zeros(4, device=device), call=call + ".mean(dim=0)",
                 atol=1e-5, rtol=0, hint=DIM_HINT)
    assert_close(got.std(dim=0, correction=0), torch.ones(4, device=device),
                 call=call + ".std(dim=0, correction=0)", atol=1e-4, rtol=0, hint=STD_HINT)


@pytest.mark.parametrize("n, d", [(2, 1), (2, 6), (7, 3), (3, 7), (4, 4)])
def test_random_values(exercise, rng, device, n, d):
    """matches a column-by-column computation on random data, square X included"""
    X = randn(n, d, generator=rng) * 2 - 1
    got, call = _run(exercise, X.to(device))
    assert_close(got, _spec(X).to(device), call=call, atol=1e-4, rtol=1e-4,
                 hint=_hint(got, X))


def test_float64_and_noncontiguous(exercise, rng):
    """a non-contiguous float64 X gives float64"""
    X = noncontiguous(randn(6, 3, generator=rng, dtype=torch.float64))
    got, call = _run(exercise, X)
    assert_close(got, _spec(X), call=call, atol=1e-10, rtol=1e-10, hint=STD_HINT)


def test_input_unchanged(exercise, rng):
    """X itself is left unchanged"""
    X = randn(5, 2, generator=rng)
    before = X.clone()
    _run(exercise, X)
    assert_close(X, before, call="X after standardize_columns(X)",
                 hint="in-place ops (-=, /=, sub_) change the caller's tensor; write "
                      "(X - mean) / std instead.")


def test_rule_no_loops(exercise, rng):
    """rule: no Python loops"""
    X = randn(4, 3, generator=rng)
    got, call = _run(exercise, X)
    assert_close(got, _spec(X), call=call, atol=1e-4, rtol=1e-4)
    assert_no_loops(exercise)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    standardize_columns = require_function(exercise, "standardize_columns")
    for args in [(torch.randn(6, 3, generator=rng),)]:
        with inputs_unchanged(describe_call("standardize_columns", *args), **dict(zip(("X",), args))):
            standardize_columns(*args)
