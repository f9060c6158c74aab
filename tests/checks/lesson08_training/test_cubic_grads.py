"""Checks for lesson08/cubic_grads."""

import math

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe,
    describe_call,
    inputs_unchanged,
    no_autograd,
    require_function,
)

NAMES = ("dL/da", "dL/db", "dL/dc", "dL/dd")


def _autograd_grads(x, y, coeffs):
    """The reference: let autograd differentiate the sum of squared errors."""
    params = [c.detach().clone().requires_grad_(True) for c in coeffs]
    a, b, c, d = params
    loss = ((a + b * x + c * x**2 + d * x**3 - y) ** 2).sum()
    return torch.autograd.grad(loss, params)


def _check(got, expected, call, atol=1e-8, rtol=1e-7):
    if not isinstance(got, (tuple, list)) or len(got) != 4:
        raise AssertionError(f"{call} returned {describe(got)}; expected a tuple of four "
                             "0-dim tensors (dL/da, dL/db, dL/dc, dL/dd).")
    for name, g, e in zip(NAMES, got, expected):
        assert_close(g, e, call=f"{call} [{name}]", atol=atol, rtol=rtol,
                     hint="L is the SUM of squared errors: dL/db = sum(2 * (y_hat - y) * x). "
                          "Check the factor 2, the power of x, and that you sum (not mean).")


def _coeffs(rng, dtype=torch.float64):
    return tuple(torch.randn((), generator=rng, dtype=dtype) for _ in range(4))


def test_worked_example(exercise):
    """for x = [0, 1, 2], y = [0, 1, 0], y_hat = x the gradients are 4, 8, 16, 32"""
    cubic_grads = require_function(exercise, "cubic_grads")
    x, y = torch.tensor([0.0, 1.0, 2.0]), torch.tensor([0.0, 1.0, 0.0])
    coeffs = tuple(torch.tensor(v) for v in (0.0, 1.0, 0.0, 0.0))
    got = cubic_grads(x, y, *coeffs)
    expected = tuple(torch.tensor(v) for v in (4.0, 8.0, 16.0, 32.0))
    _check(got, expected, describe_call("cubic_grads", x, y, *coeffs), atol=1e-6)


def test_returns_scalars_of_x_dtype(exercise):
    """returns four 0-dim tensors with the dtype of x"""
    x = torch.linspace(-1, 1, 5, dtype=torch.float64)
    coeffs = tuple(torch.tensor(0.5, dtype=torch.float64) for _ in range(4))
    got = exercise.cubic_grads(x, torch.sin(x), *coeffs)
    call = describe_call("cubic_grads", x, torch.sin(x), *coeffs)
    if not isinstance(got, (tuple, list)) or len(got) != 4:
        raise AssertionError(f"{call} returned {describe(got)}; expected a tuple of four "
                             "0-dim tensors.")
    for name, g in zip(NAMES, got):
        assert_tensor(g, call=f"{call} [{name}]", shape=(), dtype=torch.float64,
                      hint="keep each gradient a tensor: .sum() gives a 0-dim tensor; "
                           "don't call .item().")


@pytest.mark.parametrize("n", [1, 7, 50])
def test_matches_autograd(exercise, rng, n):
    """equals autograd's gradients of the summed squared error on random data (float64)"""
    scale = 0.5 + 3 * torch.rand((), generator=rng, dtype=torch.float64)
    x = (2 * torch.rand(n, generator=rng, dtype=torch.float64) - 1) * scale
    y = torch.randn(n, generator=rng, dtype=torch.float64)
    coeffs = _coeffs(rng)
    expected = _autograd_grads(x, y, coeffs)
    got = exercise.cubic_grads(x, y, *coeffs)
    _check(got, expected, describe_call("cubic_grads", x, y, *coeffs))


def test_seed_problem_float32(exercise, rng):
    """on the seed's data (2000 points of sin on [-pi, pi], float32) it matches autograd"""
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    coeffs = _coeffs(rng, torch.float32)
    expected = _autograd_grads(x, y, coeffs)
    got = exercise.cubic_grads(x, y, *coeffs)
    _check(got, expected, describe_call("cubic_grads", x, y, *coeffs), atol=1e-2, rtol=1e-4)


def test_zero_at_least_squares_optimum(exercise, rng):
    """all four gradients vanish at the least-squares coefficients"""
    x = torch.linspace(-2, 2, 40, dtype=torch.float64)
    y = torch.cos(x) + 0.1 * torch.randn(40, generator=rng, dtype=torch.float64)
    A = torch.stack([x**k for k in range(4)], dim=1)
    best = torch.linalg.lstsq(A, y.unsqueeze(1)).solution.flatten()
    coeffs = tuple(best.unbind())
    got = exercise.cubic_grads(x, y, *coeffs)
    zeros = tuple(torch.zeros((), dtype=torch.float64) for _ in range(4))
    _check(got, zeros, describe_call("cubic_grads", x, y, *coeffs), atol=1e-8, rtol=0.0)


def test_empty_data(exercise):
    """with no data points (N = 0) every gradient is 0"""
    x = y = torch.zeros(0)
    coeffs = tuple(torch.tensor(1.0) for _ in range(4))
    got = exercise.cubic_grads(x, y, *coeffs)
    _check(got, tuple(torch.zeros(()) for _ in range(4)),
           describe_call("cubic_grads", x, y, *coeffs), atol=0.0, rtol=0.0)


def test_rule_no_autograd(exercise, rng):
    """rule: the gradients are derived by hand (backward and autograd.grad are disabled)"""
    x = torch.randn(9, generator=rng, dtype=torch.float64)
    y = torch.randn(9, generator=rng, dtype=torch.float64)
    coeffs = _coeffs(rng)
    expected = _autograd_grads(x, y, coeffs)
    with no_autograd("Differentiate the sum of squared errors yourself: "
                     "dL/da = sum(2 * (y_hat - y)), dL/db = sum(2 * (y_hat - y) * x), ..."):
        got = exercise.cubic_grads(x, y, *coeffs)
    _check(got, expected, describe_call("cubic_grads", x, y, *coeffs))


@pytest.mark.gpu
def test_on_gpu(exercise, rng, gpu_device):
    """on CUDA inputs the gradients are on CUDA and match the CPU values"""
    x = torch.linspace(-3, 3, 300, dtype=torch.float64)
    y = torch.randn(300, generator=rng, dtype=torch.float64)
    coeffs = _coeffs(rng)
    expected = [g.to(gpu_device) for g in _autograd_grads(x, y, coeffs)]
    args = (x.to(gpu_device), y.to(gpu_device), *(c.to(gpu_device) for c in coeffs))
    got = exercise.cubic_grads(*args)
    _check(got, expected, describe_call("cubic_grads", *args), atol=1e-7, rtol=1e-7)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    cubic_grads = require_function(exercise, "cubic_grads")
    for args in [(torch.randn(5, generator=rng), torch.randn(5, generator=rng), torch.randn((), generator=rng), torch.randn((), generator=rng), torch.randn((), generator=rng), torch.randn((), generator=rng))]:
        with inputs_unchanged(describe_call("cubic_grads", *args), **dict(zip(("x", "y", "a", "b", "c", "d"), args))):
            cubic_grads(*args)
