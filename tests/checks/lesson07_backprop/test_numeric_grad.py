"""Checks for lesson07/numeric_grad."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_gradient,
    assert_tensor,
    describe_call,
    no_autograd,
    noncontiguous,
    randn,
    require_function,
)

F64 = torch.float64


def _call(exercise, f, x, **kwargs):
    """The learner's numeric_grad with autograd switched off (the exercise rule)."""
    numeric_grad = require_function(exercise, "numeric_grad")
    with no_autograd("estimate the gradient from values of f only."):
        return numeric_grad(f, x, **kwargs)


def _cube_sum(t):
    return (t ** 3).sum()


def _smooth(t):
    """A non-separable smooth function: every element talks to the others."""
    return torch.sin(t).sum() * torch.exp(0.3 * t).sum() + (t * t.flip(-1)).sum()


def _true_grad(f, x):
    """The exact gradient by autograd, computed outside the rule's block."""
    leaf = x.detach().clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(f(leaf), leaf)
    return grad


def _formula_hint(got, x, eps):
    """Name the mistake when the result matches a known wrong formula for sum(x³)."""
    exact = 3 * x ** 2 + eps ** 2
    candidates = {
        "forward differences (f(x + eps) − f(x)) / eps: use the central formula "
        "(f(x + eps) − f(x − eps)) / (2·eps), whose error is eps² instead of eps":
            3 * x ** 2 + 3 * x * eps + eps ** 2,
        "dividing by eps instead of 2·eps: x + eps and x − eps are 2·eps apart": 2 * exact,
        "a fixed nudge instead of the `eps` argument: use the eps you are given":
            3 * x ** 2 + 1e-12,
    }
    for cause, wrong in candidates.items():
        if got.shape == wrong.shape and torch.allclose(got.double(), wrong, rtol=1e-6,
                                                       atol=1e-9):
            return f"this looks like {cause}."
    return None


def test_small_example(exercise):
    """numeric_grad(sum of squares, [1., 2.]) is [2., 4.]"""
    x = torch.tensor([1.0, 2.0], dtype=F64)
    f = lambda t: (t ** 2).sum()  # noqa: E731
    got = _call(exercise, f, x)
    assert_close(got, torch.tensor([2.0, 4.0], dtype=F64), atol=1e-8,
                 call=describe_call("numeric_grad", f, x))


@pytest.mark.parametrize("shape", [(5,), (3, 4), (1, 6), (2, 1, 3)])
def test_shape_dtype_device(exercise, rng, device, shape):
    """returns a tensor with the shape, dtype and device of x"""
    x = randn(*shape, generator=rng, dtype=F64, device=device)
    got = _call(exercise, _cube_sum, x)
    assert_tensor(got, shape=tuple(x.shape), dtype=F64, device=device,
                  call=describe_call("numeric_grad", _cube_sum, x),
                  hint="start from torch.zeros_like(x): it copies shape, dtype and device.")


def test_central_formula_with_eps(exercise, rng):
    """uses central differences with the given eps: for sum(x³) the result is exactly 3x² + eps²"""
    x = randn(4, 3, generator=rng, dtype=F64)
    eps = 1e-2
    got = _call(exercise, _cube_sum, x, eps=eps)
    assert_tensor(got, shape=tuple(x.shape), call=describe_call("numeric_grad", _cube_sum, x,
                                                                eps=eps))
    # (x + h)³ − (x − h)³ = 6x²h + 2h³, so the central estimate is 3x² + h², exactly.
    assert_close(got, 3 * x ** 2 + eps ** 2, atol=1e-9, rtol=1e-9,
                 call=describe_call("numeric_grad", _cube_sum, x, eps=eps),
                 hint=_formula_hint(got, x, eps))


@pytest.mark.parametrize("shape", [(6,), (3, 4), (4, 1)])
def test_matches_true_gradient(exercise, rng, shape):
    """matches the exact gradient of a smooth function at random float64 points"""
    x = randn(*shape, generator=rng, dtype=F64)
    want = _true_grad(_smooth, x)
    got = _call(exercise, _smooth, x)
    assert_tensor(got, shape=tuple(x.shape), call=describe_call("numeric_grad", _smooth, x))
    assert_gradient(want, got, name="x", tolerance=1e-7)


def test_scalar_x(exercise):
    """works for a 0-dim x: the slope of sin at 0.5 is cos(0.5)"""
    x = torch.tensor(0.5, dtype=F64)
    got = _call(exercise, torch.sin, x)
    assert_close(got, torch.cos(x), atol=1e-8, call=describe_call("numeric_grad", torch.sin, x),
                 hint="a 0-dim tensor has one element and the index (): x[()] reads it.")


def test_noncontiguous_x(exercise, rng):
    """works on a non-contiguous x (a transposed matrix, like the seed's W1) and changes nothing"""
    x = randn(3, 2, generator=rng, dtype=F64).T
    before = x.clone()
    want = _true_grad(_smooth, x)
    got = _call(exercise, _smooth, x)
    call = describe_call("numeric_grad", _smooth, x)
    assert_tensor(got, shape=(2, 3), call=call)
    if bool((got == 0).all()):
        raise AssertionError(
            f"{call} returned all zeros for a transposed x: f never saw your nudges. "
            "x.reshape(-1) and x.flatten() COPY a non-contiguous tensor, so writing into "
            "the copy leaves x alone. Index x itself, e.g. x[i, j] or x[index] with an "
            "index tuple.")
    assert_gradient(want, got, name="x", tolerance=1e-7)
    assert_close(x, before, atol=0, rtol=0, call=f"after {call}, x",
                 hint="put each element back to its saved value.")


def test_empty_x(exercise):
    """an empty x gives an empty gradient of the same shape"""
    x = torch.zeros(0, 3, dtype=F64)
    f = lambda t: t.sum()  # noqa: E731
    got = _call(exercise, f, x)
    assert_tensor(got, shape=(0, 3), dtype=F64, call=describe_call("numeric_grad", f, x))


def test_x_unchanged(exercise, rng):
    """leaves x exactly as it was, every bit (save each value and put it back)"""
    x = randn(5, 4, generator=rng, dtype=F64) * 10
    before = x.clone()
    call = describe_call("numeric_grad", _smooth, x)
    _call(exercise, _smooth, x)
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

    def counted(t):
        calls.append(1)
        return _cube_sum(t)

    _call(exercise, counted, x)
    if len(calls) != 2 * x.numel():
        hint = (" Forward differences use n + 1 calls; central ones use f(x + eps) and "
                "f(x − eps) for each of the n elements." if len(calls) == x.numel() + 1 else "")
        raise AssertionError(
            f"{describe_call('numeric_grad', counted, x)} called f {len(calls)} times; "
            f"expected 2·x.numel() = {2 * x.numel()}.{hint}")


def test_rule_no_autograd(exercise, rng):
    """Rule: no autograd (backward and torch.autograd.grad are switched off)"""
    x = randn(4, generator=rng, dtype=F64)
    got = _call(exercise, _smooth, x)
    assert_gradient(_true_grad(_smooth, x), got, name="x", tolerance=1e-7)


@pytest.mark.gpu
def test_cuda_input(exercise, rng, gpu_device):
    """on a CUDA x, returns a CUDA gradient equal to the CPU one"""
    x_cpu = randn(3, 2, generator=rng, dtype=F64)
    x = x_cpu.to(gpu_device)
    got = _call(exercise, _cube_sum, x, eps=1e-2)
    call = describe_call("numeric_grad", _cube_sum, x, eps=1e-2)
    assert_tensor(got, shape=(3, 2), dtype=F64, device=gpu_device, call=call)
    assert_close(got.cpu(), 3 * x_cpu ** 2 + 1e-4, atol=1e-9, rtol=1e-9, call=call)
