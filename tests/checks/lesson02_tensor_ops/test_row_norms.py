"""Checks for lesson02/row_norms."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_no_loops,
    assert_tensor,
    describe_call,
    forbidden,
    inputs_unchanged,
    noncontiguous,
    randn,
    require_function,
)

INF = float("inf")
HINTS = {1: "L1 = sum of ABSOLUTE values along the last dim: X.abs().sum(dim=-1).",
         2: "L2 = square root of the sum of squares along the last dim.",
         INF: "L-inf = largest ABSOLUTE value along the last dim; X.max(dim=-1) returns "
              "(values, indices), X.amax(dim=-1) just the values."}
NORM_CALLS = ("torch.linalg.vector_norm", "torch.linalg.norm", "torch.norm",
              "torch.Tensor.norm")


def _run(exercise, X: torch.Tensor, p: float):
    row_norms = require_function(exercise, "row_norms")
    return row_norms(X, p), describe_call("row_norms", X, p)


def _spec(X: torch.Tensor, p: float) -> torch.Tensor:
    return torch.linalg.vector_norm(X, ord=p, dim=-1)


P_VALUES = pytest.mark.parametrize("p", [1, 2, INF], ids=["L1", "L2", "Linf"])


@P_VALUES
def test_small_example(exercise, p):
    """[[3, -4], [1, 1]]: L1 [7, 2], L2 [5, 1.4142], L-inf [4, 1]"""
    X = torch.tensor([[3.0, -4.0], [1.0, 1.0]])
    expected = {1: [7.0, 2.0], 2: [5.0, 2**0.5], INF: [4.0, 1.0]}[p]
    got, call = _run(exercise, X, p)
    assert_close(got, torch.tensor(expected), call=call, hint=HINTS[p])


@P_VALUES
def test_seed_example_3d(exercise, p):
    """arange(1, 9).view(2, 2, 2) reduces its last dim: L1 gives [[3, 7], [11, 15]]"""
    X = torch.arange(1.0, 9.0).view(2, 2, 2)
    got, call = _run(exercise, X, p)
    assert_tensor(got, call=call, shape=(2, 2),
                  hint="reduce only the last dim (dim=-1); the leading dims stay.")
    assert_close(got, _spec(X, p), call=call, hint=HINTS[p])


@P_VALUES
@pytest.mark.parametrize("shape", [(5, 3), (1, 4), (4, 1), (2, 3, 6)], ids=str)
def test_random_values(exercise, rng, device, p, shape):
    """matches torch.linalg.vector_norm(X, p, dim=-1) on random inputs with negative entries"""
    X = randn(*shape, generator=rng, device=device)
    got, call = _run(exercise, X, p)
    assert_close(got, _spec(X, p), call=call, atol=1e-5, rtol=1e-5, hint=HINTS[p])


@P_VALUES
def test_float64_and_noncontiguous(exercise, rng, p):
    """a non-contiguous float64 X gives float64 norms"""
    X = noncontiguous(randn(3, 4, generator=rng, dtype=torch.float64))
    got, call = _run(exercise, X, p)
    assert_close(got, _spec(X, p), call=call, atol=1e-10, rtol=1e-10, hint=HINTS[p])


@P_VALUES
def test_empty_batch(exercise, p):
    """an empty batch (0, 3) gives an empty (0,) result"""
    got, call = _run(exercise, torch.zeros(0, 3), p)
    assert_tensor(got, call=call, shape=(0,), dtype=torch.float32)


@P_VALUES
def test_rule_no_norm_functions(exercise, rng, p):
    """rule: no torch.linalg.vector_norm / linalg.norm / torch.norm / Tensor.norm, no loops"""
    X = randn(4, 5, generator=rng)
    expected = _spec(X, p)
    with forbidden(*NORM_CALLS, rule="Build the norm from abs, sum, amax, pow and sqrt."):
        got, call = _run(exercise, X, p)
    assert_close(got, expected, call=call, atol=1e-5, rtol=1e-5, hint=HINTS[p])
    assert_no_loops(exercise)


@pytest.mark.gpu
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on the GPU: every norm stays on the GPU and matches the CPU"""
    X = randn(256, 300, generator=rng)
    for p in (1, 2, INF):
        got, call = _run(exercise, X.to(gpu_device), p)
        assert_close(got, _spec(X, p).to(gpu_device), call=call, atol=1e-4, rtol=1e-4,
                     hint=HINTS[p])


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    row_norms = require_function(exercise, "row_norms")
    for args in [(torch.randn(3, 4, generator=rng), 1), (torch.randn(3, 4, generator=rng), 2), (torch.randn(3, 4, generator=rng), float("inf"))]:
        with inputs_unchanged(describe_call("row_norms", *args), **dict(zip(("X", "p"), args))):
            row_norms(*args)
