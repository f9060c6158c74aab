"""Checks for lesson08/max_stable_lr."""

import math

import pytest
import torch

from tutor.testing import assert_value, describe_call, inputs_unchanged, require_function


def _bound(A, reduction):
    """The spec: 2 / largest eigenvalue of the Hessian of the squared-error loss."""
    A = A.double()
    hessian = 2 * A.T @ A / (A.shape[0] if reduction == "mean" else 1)
    return 2.0 / torch.linalg.eigvalsh(hessian).max().item()


def _check(got, expected, call, rtol=1e-4):
    if not isinstance(got, float):
        raise AssertionError(f"{call} returned {type(got).__name__} {got!r}; expected a Python "
                             "float (use .item() on a 0-dim tensor).")
    if not math.isclose(got, expected, rel_tol=rtol):
        ratio = got / expected if expected else float("nan")
        hint = {2.0: "twice too large: the Hessian of sum((A θ - y)^2) is 2·AᵀA, not AᵀA.",
                0.5: "half the bound: lr < 2/λ_max, with λ_max the largest eigenvalue of "
                     "the Hessian 2·AᵀA."}.get(round(ratio, 3))
        message = f"{call} returned {got:.6g}; expected {expected:.6g} (ratio {ratio:.4g})."
        if hint is None and "mean" in call:
            hint = ("with reduction='mean' the loss is divided by N, so is its Hessian, "
                    "and the bound is N times larger.")
        raise AssertionError(message + (f"\nHint: {hint}" if hint else
                             "\nHint: the bound is 2 / λ_max where λ_max is the largest "
                             "eigenvalue of the Hessian (torch.linalg.eigvalsh)."))


def _cubic_features(x):
    return torch.stack([x**k for k in range(4)], dim=1)


def test_worked_example(exercise):
    """one feature [1, 2, 3]: Hessian 2·14 = 28, so the bound is 2/28 = 1/14"""
    max_stable_lr = require_function(exercise, "max_stable_lr")
    A = torch.tensor([[1.0], [2.0], [3.0]])
    _check(max_stable_lr(A), 1 / 14, describe_call("max_stable_lr", A))


def test_seed_cubic_fit_bound(exercise):
    """seed 004's cubic fit of sin(x) (2000 points on [-pi, pi]): the bound is about 3.558e-6"""
    A = _cubic_features(torch.linspace(-math.pi, math.pi, 2000))
    got = exercise.max_stable_lr(A)
    _check(got, _bound(A, "sum"), describe_call("max_stable_lr", A))


@pytest.mark.parametrize("n, p", [(1, 1), (5, 2), (40, 4), (12, 6)])
def test_random_features_sum(exercise, rng, n, p):
    """matches 2 / λ_max(2·AᵀA) for random feature matrices"""
    A = torch.randn(n, p, generator=rng, dtype=torch.float64) * 3
    _check(exercise.max_stable_lr(A, "sum"), _bound(A, "sum"),
           describe_call("max_stable_lr", A, "sum"))


def test_mean_reduction_is_n_times_larger(exercise, rng):
    """with reduction='mean' the bound is N times the 'sum' bound (seed 004: about 7.116e-3)"""
    A = _cubic_features(torch.linspace(-math.pi, math.pi, 2000))
    _check(exercise.max_stable_lr(A, "mean"), _bound(A, "mean"),
           describe_call("max_stable_lr", A, "mean"))
    B = torch.randn(17, 3, generator=rng, dtype=torch.float64)
    _check(exercise.max_stable_lr(B, reduction="mean"), 17 * _bound(B, "sum"),
           describe_call("max_stable_lr", B, reduction="mean"))


def _gd_loss_growth(A, t, lr, reduction, steps=300):
    """Run gradient descent from theta = 0; return final loss / initial loss."""
    theta = torch.zeros(A.shape[1], dtype=torch.float64)
    scale = 1 / A.shape[0] if reduction == "mean" else 1.0
    first = ((A @ theta - t) ** 2).sum() * scale
    for _ in range(steps):
        theta = theta - lr * 2 * scale * A.T @ (A @ theta - t)
    last = ((A @ theta - t) ** 2).sum() * scale
    return (last / first).item()


@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_bound_separates_convergence_from_divergence(exercise, rng, reduction):
    """gradient descent at 0.9x your bound converges, at 1.1x it blows up"""
    A = torch.randn(30, 3, generator=rng, dtype=torch.float64) * 2
    t = torch.randn(30, generator=rng, dtype=torch.float64)
    lr = exercise.max_stable_lr(A, reduction)
    call = describe_call("max_stable_lr", A, reduction)
    below = _gd_loss_growth(A, t, 0.9 * float(lr), reduction)
    above = _gd_loss_growth(A, t, 1.1 * float(lr), reduction)
    if not below < 1.0:
        raise AssertionError(f"{call} returned {lr}, but gradient descent at 0.9 x that lr "
                             f"made the loss {below:.3g} times larger: your bound is too high.")
    if not above > 1e6:
        raise AssertionError(f"{call} returned {lr}, but gradient descent at 1.1 x that lr "
                             f"did not diverge (loss ratio {above:.3g}): your bound is too low.")


def test_unknown_reduction_raises(exercise):
    """an unknown reduction such as 'max' raises ValueError"""
    A = torch.ones(3, 2)
    call = describe_call("max_stable_lr", A, "max")
    try:
        got = exercise.max_stable_lr(A, "max")
    except ValueError:
        return
    raise AssertionError(f"{call} returned {got!r}; expected it to raise ValueError "
                         "(only 'sum' and 'mean' are known).")


def test_float32_input(exercise):
    """float32 features give the same bound (compute the eigenvalues in float64)"""
    A = _cubic_features(torch.linspace(-2, 2, 500))
    _check(exercise.max_stable_lr(A), _bound(A, "sum"), describe_call("max_stable_lr", A),
           rtol=1e-4)
    assert_value(type(exercise.max_stable_lr(A, "mean")), float,
                 call=describe_call("max_stable_lr", A, "mean") + " type")


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    max_stable_lr = require_function(exercise, "max_stable_lr")
    for args in [(torch.randn(6, 3, generator=rng),)]:
        with inputs_unchanged(describe_call("max_stable_lr", *args), **dict(zip(("features",), args))):
            max_stable_lr(*args)
