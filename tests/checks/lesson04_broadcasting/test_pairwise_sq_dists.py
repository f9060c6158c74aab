"""Checks for lesson04/pairwise_sq_dists."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_no_loops,
    describe_call,
    forbidden,
    inputs_unchanged,
    randn,
    require_function,
    shapes,
)

RULE = "Compute the distances with broadcasting: (N, 1, D) against (1, M, D)."
FORBIDDEN = ("torch.cdist",)


def _spec(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """out[i, j] = sum_d (x[i, d] - y[j, d])**2, in float64: a plain loop for small inputs,
    torch.cdist (without its matmul shortcut) for large ones."""
    xs, ys = x.detach().cpu().double(), y.detach().cpu().double()
    if xs.shape[0] * ys.shape[0] > 64:
        out = torch.cdist(xs, ys, compute_mode="donot_use_mm_for_euclid_dist") ** 2
    else:
        out = torch.zeros(xs.shape[0], ys.shape[0], dtype=torch.float64)
        for i in range(xs.shape[0]):
            for j in range(ys.shape[0]):
                out[i, j] = ((xs[i] - ys[j]) ** 2).sum()
    return out.to(x.dtype).to(x.device)


def _hint(got, x, y):
    if not isinstance(got, torch.Tensor):
        return None
    n, m, d = x.shape[0], y.shape[0], x.shape[1]
    if tuple(got.shape) == (n, m, d):
        return "the (N, M, D) differences still need to be squared and summed over D (dim=-1)."
    if tuple(got.shape) == (m, n) and n != m:
        return "the result is (M, N): put the new size-1 dim of x in the middle, x[:, None, :]."
    if tuple(got.shape) == (n, m) and got.numel():
        spec = _spec(x, y)
        if torch.allclose(got.detach().cpu().double(), spec.cpu().double().sqrt(), atol=1e-4):
            return ("these are the distances, not the SQUARED distances: leave out the "
                    "square root.")
        if bool((got < 0).any()):
            return ("some distances are negative. ||x||^2 - 2 x.y + ||y||^2 loses precision "
                    "when points are far from the origin: clamp it with clamp_min(0), or "
                    "subtract first and square the differences.")
    return None


def _check(fn, x, y, expected=None, atol=1e-4, rtol=1e-5):
    expected = _spec(x, y) if expected is None else expected
    got = fn(x, y)
    assert_close(got, expected, call=describe_call("pairwise_sq_dists", x, y), atol=atol,
                 rtol=rtol, hint=_hint(got, x, y), trace=shapes(fn, x, y))
    return got


def test_small_example(exercise):
    """x = [[0, 0], [1, 1]], y = [[1, 0], [0, 0], [3, 4]] give [[1, 0, 25], [1, 2, 13]]"""
    pairwise_sq_dists = require_function(exercise, "pairwise_sq_dists")
    x = torch.tensor([[0.0, 0.0], [1.0, 1.0]])
    y = torch.tensor([[1.0, 0.0], [0.0, 0.0], [3.0, 4.0]])
    _check(pairwise_sq_dists, x, y, expected=torch.tensor([[1.0, 0.0, 25.0], [1.0, 2.0, 13.0]]))


@pytest.mark.parametrize("n, m, d", [(3, 5, 2), (5, 3, 4), (4, 4, 3), (1, 6, 3), (7, 1, 5),
                                     (1, 1, 1), (6, 2, 1)])
def test_shapes_and_values(exercise, rng, device, n, m, d):
    """shape (N, M) and the right values on random inputs, on x's device"""
    x = randn(n, d, generator=rng, device=device)
    y = randn(m, d, generator=rng, device=device)
    _check(exercise.pairwise_sq_dists, x, y)


def test_keeps_float64(exercise, rng, device):
    """float64 inputs give a float64 result (no conversion)"""
    x = randn(4, 3, generator=rng, dtype=torch.float64, device=device)
    y = randn(5, 3, generator=rng, dtype=torch.float64, device=device)
    _check(exercise.pairwise_sq_dists, x, y, atol=1e-10, rtol=1e-10)


@pytest.mark.parametrize("n, m", [(0, 4), (3, 0)])
def test_empty(exercise, device, n, m):
    """no rows in x (or in y) give an empty (N, M) result"""
    x = torch.zeros(n, 3, device=device)
    y = torch.ones(m, 3, device=device)
    _check(exercise.pairwise_sq_dists, x, y)


def test_noncontiguous(exercise, rng, device):
    """works on non-contiguous inputs (transposed views)"""
    x = randn(3, 6, generator=rng, device=device).T      # (6, 3), not contiguous
    y = randn(3, 4, generator=rng, device=device).T      # (4, 3)
    _check(exercise.pairwise_sq_dists, x, y)


def test_never_negative(exercise, rng):
    """never negative, also for points far from the origin (distance of a point to itself is 0)"""
    x = randn(64, 32, generator=rng) + 100.0
    y = torch.cat([x[:32], randn(16, 32, generator=rng) + 100.0])
    got = exercise.pairwise_sq_dists(x, y)
    call = describe_call("pairwise_sq_dists", x, y)
    if isinstance(got, torch.Tensor) and got.shape == (64, 48) and bool((got < 0).any()):
        worst = float(got.min())
        raise AssertionError(
            f"{call} returned {int((got < 0).sum())} negative values (the smallest "
            f"{worst:.4g}); a squared distance is never negative.\nHint: {_hint(got, x, y)}")
    # Loose tolerance: the memory-saving ||x||^2 - 2 x.y + ||y||^2 form with clamp_min(0) is
    # accepted; it loses a few hundredths on points this far out.
    _check(exercise.pairwise_sq_dists, x, y, atol=0.2, rtol=1e-3)


def test_rule_no_cdist_no_loops(exercise, rng):
    """rule: no torch.cdist and no Python loops"""
    x, y = randn(4, 3, generator=rng), randn(5, 3, generator=rng)
    with forbidden(*FORBIDDEN, rule=RULE):
        got = exercise.pairwise_sq_dists(x, y)
    assert_close(got, _spec(x, y), call=describe_call("pairwise_sq_dists", x, y), atol=1e-4,
                 hint=_hint(got, x, y))
    assert_no_loops(exercise)


@pytest.mark.gpu
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on a CUDA GPU: the result stays on the GPU and matches the CPU result"""
    x, y = randn(128, 16, generator=rng), randn(96, 16, generator=rng)
    expected = _spec(x, y).to(gpu_device)
    # TF32 matmuls (if a learner uses x @ y.T) are accurate to ~1e-3 relative.
    _check(exercise.pairwise_sq_dists, x.to(gpu_device), y.to(gpu_device), expected=expected,
           atol=1e-2, rtol=1e-3)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    pairwise_sq_dists = require_function(exercise, "pairwise_sq_dists")
    for args in [(torch.randn(4, 3, generator=rng), torch.randn(5, 3, generator=rng))]:
        with inputs_unchanged(describe_call("pairwise_sq_dists", *args), **dict(zip(("x", "y"), args))):
            pairwise_sq_dists(*args)
