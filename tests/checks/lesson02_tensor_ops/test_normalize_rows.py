"""Checks for lesson02/normalize_rows."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_no_loops,
    assert_tensor,
    describe_call,
    inputs_unchanged,
    noncontiguous,
    require_function,
)

KEEPDIM_HINT = ("X.sum(dim=1) has shape (N,), which lines up with X's LAST dim (the columns), "
                "not with the rows. Keep the reduced dim: X.sum(dim=1, keepdim=True) is "
                "(N, 1) and broadcasts across each row.")


def _hint(got, X: torch.Tensor) -> str:
    """The hint the evidence supports: the keepdim one only when the result looks like it."""
    rows = "each row is divided by that row's SUM, so every row of the result adds up to 1."
    if not isinstance(got, torch.Tensor) or got.shape != X.shape:
        return rows
    Xd, gotd = X.double(), got.detach().double().cpu()
    candidates = [(Xd / Xd.norm(dim=1, keepdim=True),
                   "that is each row divided by its L2 norm; here divide by the row's sum.")]
    if X.shape[0] == X.shape[1]:
        candidates.append((Xd / Xd.sum(dim=1), KEEPDIM_HINT))
    candidates.append((Xd / Xd.sum(dim=0, keepdim=True),
                       "that divides every COLUMN by its sum (dim=0); rows are dim=1."))
    for wrong, hint in candidates:
        if torch.allclose(gotd, wrong.cpu(), atol=1e-5, rtol=1e-4, equal_nan=True):
            return hint
    return rows


def _run(exercise, X: torch.Tensor):
    normalize_rows = require_function(exercise, "normalize_rows")
    call = describe_call("normalize_rows", X)
    try:
        return normalize_rows(X), call
    except NotImplementedError:
        raise
    except RuntimeError as error:
        if "must match the size" in str(error):
            raise AssertionError(f"{call} raised RuntimeError: {error}\nHint: "
                                 f"{KEEPDIM_HINT}") from error
        raise


def _spec(X: torch.Tensor) -> torch.Tensor:
    """Plain loops in float64, then the contract's dtype."""
    out = torch.empty(X.shape, dtype=torch.float64)
    for n in range(X.shape[0]):
        total = sum(float(v) for v in X[n])
        for c in range(X.shape[1]):
            out[n, c] = float(X[n, c]) / total
    return out.to(X.dtype if X.is_floating_point() else torch.float32)


def _counts(rng: torch.Generator, n: int, c: int) -> torch.Tensor:
    X = torch.randint(0, 10, (n, c), generator=rng)
    X[:, 0] += 1  # every row sum > 0
    return X


def test_small_example(exercise):
    """[[1, 1, 2], [3, 0, 1]] becomes [[0.25, 0.25, 0.5], [0.75, 0, 0.25]]"""
    X = torch.tensor([[1, 1, 2], [3, 0, 1]])
    got, call = _run(exercise, X)
    assert_close(got, torch.tensor([[0.25, 0.25, 0.5], [0.75, 0.0, 0.25]]), call=call,
                 hint=_hint(got, X))


def test_square_matrix(exercise):
    """a square X [[3, 1], [0, 2]]: rows, not columns, are divided (gives [[.75, .25], [0, 1]])"""
    X = torch.tensor([[3.0, 1.0], [0.0, 2.0]])
    got, call = _run(exercise, X)
    hint = _hint(got, X)
    if hint == KEEPDIM_HINT:
        hint = "with a square X the (N,) sums broadcast without an error. " + KEEPDIM_HINT
    assert_close(got, torch.tensor([[0.75, 0.25], [0.0, 1.0]]), call=call, hint=hint)


def test_rows_sum_to_one(exercise, rng, device):
    """every row of the result sums to 1"""
    X = torch.rand(6, 4, generator=rng) + 0.1
    got, call = _run(exercise, X.to(device))
    assert_tensor(got, call=call, shape=(6, 4))
    assert_close(got.sum(dim=1), torch.ones(6, device=device), call=call + ".sum(dim=1)",
                 atol=1e-5, rtol=0, hint=_hint(got, X))
    assert_close(got, _spec(X).to(device), call=call, atol=1e-6, rtol=1e-5)


@pytest.mark.parametrize("n, c", [(1, 5), (5, 1), (4, 7), (7, 4)])
def test_random_counts(exercise, rng, n, c):
    """integer counts give float32 fractions, size-1 dims included"""
    X = _counts(rng, n, c)
    got, call = _run(exercise, X)
    floor = isinstance(got, torch.Tensor) and not got.is_floating_point()
    assert_close(got, _spec(X), call=call, atol=1e-6, rtol=1e-5,
                 hint="dividing an integer tensor with / already gives float32; floor "
                      "division // would not." if floor else _hint(got, X))


def test_float64_kept(exercise, rng):
    """a float64 X gives float64 fractions"""
    X = torch.rand(3, 5, generator=rng, dtype=torch.float64) + 0.1
    got, call = _run(exercise, X)
    assert_close(got, _spec(X), call=call, atol=1e-12, rtol=1e-12)


def test_noncontiguous(exercise, rng):
    """works on a non-contiguous X"""
    X = noncontiguous(torch.rand(4, 3, generator=rng) + 0.1)
    got, call = _run(exercise, X)
    assert_close(got, _spec(X), call=call, atol=1e-6, rtol=1e-5)


def test_rule_no_loops(exercise, rng):
    """rule: no Python loops"""
    X = _counts(rng, 3, 4)
    got, call = _run(exercise, X)
    assert_close(got, _spec(X), call=call, atol=1e-6, rtol=1e-5)
    assert_no_loops(exercise)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    normalize_rows = require_function(exercise, "normalize_rows")
    for args in [(torch.rand(4, 5, generator=rng) + 0.1,)]:
        with inputs_unchanged(describe_call("normalize_rows", *args), **dict(zip(("X",), args))):
            normalize_rows(*args)
