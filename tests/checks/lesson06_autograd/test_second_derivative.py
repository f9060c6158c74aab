"""Checks for lesson06/second_derivative."""

import torch

from tutor.testing import (
    Source,
    assert_close,
    assert_tensor,
    describe_call,
    randn,
    require_function,
)


def _call(second_derivative, f, x, name, linear=False):
    """Run the learner's function; explain the error a missing create_graph gives."""
    call = describe_call("second_derivative", Source(name), x)
    try:
        return second_derivative(f, x), call
    except NotImplementedError:
        raise  # the untouched stub: reported as "not started"
    except RuntimeError as error:
        message = str(error).splitlines()[0]
        hint = ""
        if "does not require grad" in message and linear:
            hint = ("\nHint: f is linear, so f'(x) is a constant: autograd returns it with "
                    "requires_grad=False even with create_graph=True. Check dy.requires_grad; "
                    "when it is False, f'' is torch.zeros_like(x).")
        elif "does not require grad" in message:
            hint = ("\nHint: the first derivative has no graph of its own unless the first "
                    "torch.autograd.grad call gets create_graph=True; only then can you "
                    "differentiate it again.")
        elif "second time" in message:
            hint = ("\nHint: the first grad call freed the graph; create_graph=True keeps it "
                    "(and builds a graph for the derivative itself).")
        raise AssertionError(f"{call} raised RuntimeError: {message}{hint}") from None


def test_small_example(exercise):
    """the second derivative of x³ at [1, 2, -3] is 6x = [6, 12, -18]"""
    second_derivative = require_function(exercise, "second_derivative")
    x = torch.tensor([1.0, 2.0, -3.0])
    got, call = _call(second_derivative, lambda t: t**3, x, "lambda t: t**3")
    first = 3 * x**2
    hint = None
    if isinstance(got, torch.Tensor) and got.shape == first.shape and \
            torch.allclose(got.detach().cpu().to(first.dtype), first):
        hint = "[3, 12, 27] is the first derivative 3x²: differentiate it once more."
    assert_close(got, torch.tensor([6.0, 12.0, -18.0]), call=call, hint=hint)


def test_sin_and_exp(exercise, rng, device):
    """sin'' = -sin and exp'' = exp, element by element, for several shapes"""
    second_derivative = require_function(exercise, "second_derivative")
    for shape in [(5,), (2, 3), (1,)]:
        x = randn(*shape, generator=rng, device=device)
        got, call = _call(second_derivative, torch.sin, x, "torch.sin")
        assert_close(got, -torch.sin(x), call=call, atol=1e-5, rtol=1e-5)
        got, call = _call(second_derivative, torch.exp, x, "torch.exp")
        assert_close(got, torch.exp(x), call=call, atol=1e-5, rtol=1e-5)


def test_tanh_float64(exercise, rng):
    """tanh'' = -2 tanh (1 - tanh²) in float64; the result keeps x's dtype"""
    second_derivative = require_function(exercise, "second_derivative")
    x = randn(4, 2, generator=rng, dtype=torch.float64)
    got, call = _call(second_derivative, torch.tanh, x, "torch.tanh")
    t = torch.tanh(x)
    assert_close(got, -2 * t * (1 - t**2), call=call, atol=1e-12, rtol=1e-10)


def test_linear_function(exercise, rng):
    """a linear f (f(x) = 3x + 1) has second derivative 0 everywhere"""
    second_derivative = require_function(exercise, "second_derivative")
    x = randn(3, generator=rng)
    got, call = _call(second_derivative, lambda t: 3 * t + 1, x, "lambda t: 3 * t + 1",
                      linear=True)
    assert_close(got, torch.zeros(3), call=call,
                 hint="when f is linear, its first derivative is a constant with no graph "
                      "(requires_grad=False); then the second derivative is zero, "
                      "torch.zeros_like(x).")


def test_linear_branch_dtype_and_device(exercise, rng):
    """the zeros of a linear f keep x's dtype (float64) and device (meta), like every other branch"""
    second_derivative = require_function(exercise, "second_derivative")
    for x in (randn(3, 2, generator=rng, dtype=torch.float64),
              torch.empty(4, device="meta", dtype=torch.float64)):
        for name, f in (("lambda t: 3 * t + 1", lambda t: 3 * t + 1),
                        ("lambda t: t ** 3", lambda t: t ** 3)):
            got, call = _call(second_derivative, f, x, name, linear="3 *" in name)
            hint = ("torch.zeros(x.shape) is float32 on the CPU whatever x is: use "
                    "torch.zeros_like(x).") if "3 *" in name else None
            assert_tensor(got, shape=tuple(x.shape), dtype=torch.float64, device=x.device,
                          call=call, hint=hint)


def test_plain_result_and_untouched_x(exercise, rng):
    """returns a plain tensor (no graph) and leaves the caller's x without .grad"""
    second_derivative = require_function(exercise, "second_derivative")
    x = randn(4, generator=rng)
    before = x.clone()
    got, call = _call(second_derivative, lambda t: t**4, x, "lambda t: t**4")
    assert torch.equal(x, before), f"after {call}, the values of x have changed."
    assert_close(got, 12 * x**2, call=call, atol=1e-5, rtol=1e-5)
    assert not got.requires_grad, (
        f"{call} returned a tensor that requires grad: the second grad call does not need "
        "create_graph=True (only the first one does).")
    assert not x.requires_grad and x.grad is None, (
        f"after {call}, the caller's x has requires_grad={x.requires_grad}, "
        f"x.grad={x.grad}.\nHint: differentiate with respect to your own leaf, "
        "x.detach().requires_grad_().")
