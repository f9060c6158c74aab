"""Checks for lesson07/numeric_grad."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe_call,
    no_autograd,
    randn,
    relative_error,
    require_function,
    verdict,
)

F64 = torch.float64


class _Fn:
    """A function that shows a readable formula in check messages."""

    def __init__(self, text, func):
        self.text, self.func = text, func

    def __call__(self, t):
        return self.func(t)

    def __repr__(self):
        return self.text


SQUARES = _Fn("sum(t**2)", lambda t: (t ** 2).sum())
CUBES = _Fn("sum(t**3)", lambda t: (t ** 3).sum())
SMOOTH = _Fn("sum(sin t)·sum(exp .3t) + sum(t·flip(t))",
             lambda t: torch.sin(t).sum() * torch.exp(0.3 * t).sum() + (t * t.flip(-1)).sum())
SIN = _Fn("sin(t)", torch.sin)
TOTAL = _Fn("sum(t)", lambda t: t.sum())


def _call(exercise, f, x, **kwargs):
    """The learner's numeric_grad with autograd switched off (the exercise rule)."""
    numeric_grad = require_function(exercise, "numeric_grad")
    with no_autograd("Estimate the gradient from values of f only."):
        return numeric_grad(f, x, **kwargs)


def _true_grad(f, x):
    """The exact gradient by autograd, computed outside the rule's block."""
    leaf = x.detach().clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(f(leaf), leaf)
    return grad


def _assert_near_exact(got, want, call, tolerance=1e-7):
    """Relative error against the exact gradient, with its band in the message."""
    assert_tensor(got, shape=tuple(want.shape), call=call)
    error = relative_error(got, want)
    if error > tolerance:
        worst = int((got.detach().double().cpu() - want.cpu()).abs().flatten().argmax())
        raise AssertionError(
            f"{call} is off: relative error {error:.2e} against the exact gradient "
            f"({verdict(error)}; central differences in float64 stay below {tolerance:.0e}). "
            f"Worst element #{worst}: got {got.flatten()[worst].item():.8g}, exact "
            f"{want.flatten()[worst].item():.8g}.")


def _formula_hint(got, x, eps):
    """Name the mistake when the result matches a known wrong formula for sum(x³)."""
    exact = 3 * x ** 2 + eps ** 2
    candidates = {
        "forward differences (f(x + eps) − f(x)) / eps. Use the central formula "
        "(f(x + eps) − f(x − eps)) / (2·eps): its error is eps² instead of eps":
            3 * x ** 2 + 3 * x * eps + eps ** 2,
        "dividing by eps instead of 2·eps: x + eps and x − eps are 2·eps apart": 2 * exact,
        "a fixed nudge instead of the `eps` argument: use the eps you are given":
            3 * x ** 2,
    }
    for cause, wrong in candidates.items():
        if got.shape == wrong.shape and torch.allclose(got.double(), wrong, rtol=1e-6,
                                                       atol=1e-8):
            return f"this looks like {cause}."
    return None


def test_small_example(exercise):
    """numeric_grad(sum of squares, [1., 2.]) is [2., 4.]"""
    x = torch.tensor([1.0, 2.0], dtype=F64)
    got = _call(exercise, SQUARES, x)
    assert_close(got, torch.tensor([2.0, 4.0], dtype=F64), atol=1e-8,
                 call=describe_call("numeric_grad", SQUARES, x))


@pytest.mark.parametrize("shape", [(5,), (3, 4), (1, 6), (2, 1, 3)])
def test_shape_dtype_device(exercise, rng, device, shape):
    """returns a tensor with the shape, dtype and device of x"""
    x = randn(*shape, generator=rng, dtype=F64, device=device)
    got = _call(exercise, CUBES, x)
    assert_tensor(got, shape=tuple(x.shape), dtype=F64, device=device,
                  call=describe_call("numeric_grad", CUBES, x),
                  hint="start from torch.zeros_like(x): it copies shape, dtype and device. "
                       "A float32 result keeps only ~7 digits of each gradient.")


def test_central_formula_with_eps(exercise, rng):
    """uses central differences with the given eps: for sum(x³) the result is exactly 3x² + eps²"""
    x = randn(4, 3, generator=rng, dtype=F64)
    eps = 1e-2
    got = _call(exercise, CUBES, x, eps=eps)
    call = describe_call("numeric_grad", CUBES, x, eps=eps)
    assert_tensor(got, shape=tuple(x.shape), call=call)
    # (x + h)³ − (x − h)³ = 6x²h + 2h³, so the central estimate is 3x² + h², exactly.
    assert_close(got, 3 * x ** 2 + eps ** 2, atol=1e-9, rtol=1e-9, call=call,
                 hint=_formula_hint(got, x, eps))


@pytest.mark.parametrize("shape", [(6,), (3, 4), (4, 1)])
def test_matches_true_gradient(exercise, rng, shape):
    """matches the exact gradient of a smooth function at random float64 points"""
    x = randn(*shape, generator=rng, dtype=F64)
    want = _true_grad(SMOOTH, x)
    got = _call(exercise, SMOOTH, x)
    _assert_near_exact(got, want, describe_call("numeric_grad", SMOOTH, x))


def test_scalar_x(exercise):
    """works for a 0-dim x: the slope of sin at 0.5 is cos(0.5)"""
    x = torch.tensor(0.5, dtype=F64)
    got = _call(exercise, SIN, x)
    assert_close(got, torch.cos(x), atol=1e-8, call=describe_call("numeric_grad", SIN, x),
                 hint="a 0-dim tensor has one element, at the index (): x[()] reads it.")


def test_noncontiguous_x(exercise, rng):
    """works on a non-contiguous x (a transposed matrix, like the seed's W1) and changes nothing"""
    x = randn(3, 2, generator=rng, dtype=F64).T
    before = x.clone()
    want = _true_grad(SMOOTH, x)
    call = describe_call("numeric_grad", SMOOTH, x) + " with x a transposed view"
    got = _call(exercise, SMOOTH, x)
    assert_tensor(got, shape=(2, 3), call=call)
    if bool((got == 0).all()):
        raise AssertionError(
            f"{call} returned all zeros: f never saw your nudges. x.reshape(-1) and "
            "x.flatten() COPY a non-contiguous tensor, so writing into the copy leaves x "
            "alone. Index x itself, e.g. x[index] with an index tuple.")
    _assert_near_exact(got, want, call)
    assert_close(x, before, atol=0, rtol=0, call=f"after {call}, x",
                 hint="put each element back to its saved value.")


def test_empty_x(exercise):
    """an empty x gives an empty gradient of the same shape"""
    x = torch.zeros(0, 3, dtype=F64)
    got = _call(exercise, TOTAL, x)
    assert_tensor(got, shape=(0, 3), dtype=F64, call=describe_call("numeric_grad", TOTAL, x))


def test_x_unchanged(exercise, rng):
    """leaves x exactly as it was, every bit (save each value and put it back)"""
    x = randn(5, 4, generator=rng, dtype=F64) * 10
    before = x.clone()
    call = describe_call("numeric_grad", SMOOTH, x)
    _call(exercise, SMOOTH, x)
    changed = x != before
    if bool(changed.any()):
        i = int(changed.flatten().nonzero()[0])
        raise AssertionError(
            f"after {call}, x was changed at {int(changed.sum())} of {x.numel()} elements: "
            f"element #{i} was {before.flatten()[i].item()!r} and is now "
            f"{x.flatten()[i].item()!r}.\nHint: save x[i] before nudging and assign the saved "
            "value back. Adding eps and then subtracting it is not exact in floating point.")


def test_two_calls_per_element(exercise, rng):
    """costs exactly 2 evaluations of f per element (central differences)"""
    x = randn(3, 4, generator=rng, dtype=F64)
    calls = []
    counted = _Fn("counting sum(t**3)", lambda t: calls.append(1) or CUBES(t))
    _call(exercise, counted, x)
    if len(calls) != 2 * x.numel():
        hint = ("\nHint: forward differences use n + 1 calls; central ones call f(x + eps) "
                "and f(x − eps) for each of the n elements." if len(calls) == x.numel() + 1
                else "")
        raise AssertionError(
            f"{describe_call('numeric_grad', counted, x)} called f {len(calls)} times; "
            f"expected 2·x.numel() = {2 * x.numel()}.{hint}")


def test_rule_no_autograd(exercise, rng):
    """Rule: no autograd (backward and torch.autograd.grad are switched off)"""
    x = randn(4, generator=rng, dtype=F64)
    got = _call(exercise, SMOOTH, x)
    _assert_near_exact(got, _true_grad(SMOOTH, x), describe_call("numeric_grad", SMOOTH, x))


@pytest.mark.gpu
def test_cuda_input(exercise, rng, gpu_device):
    """on a CUDA x, returns a CUDA gradient equal to the CPU formula"""
    x_cpu = randn(3, 2, generator=rng, dtype=F64)
    x = x_cpu.to(gpu_device)
    got = _call(exercise, CUBES, x, eps=1e-2)
    call = describe_call("numeric_grad", CUBES, x, eps=1e-2)
    assert_tensor(got, shape=(3, 2), dtype=F64, device=gpu_device, call=call)
    assert_close(got.cpu(), 3 * x_cpu ** 2 + 1e-4, atol=1e-9, rtol=1e-9, call=call)
