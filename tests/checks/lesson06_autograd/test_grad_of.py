"""Checks for lesson06/grad_of."""

import torch

from tutor.testing import (
    Source,
    assert_close,
    assert_gradient,
    assert_tensor,
    describe_call,
    numeric_gradient,
    randn,
    require_function,
)

SQUARES = Source("lambda t: t.pow(2).sum()")
CUBES = Source("lambda t: t.pow(3).sum()")
SMOOTH = Source("lambda t: (t.sin() * t.exp()).sum() + t.pow(2).mean()")


def _close(got, expected):
    return isinstance(got, torch.Tensor) and got.shape == expected.shape and \
        torch.allclose(got.detach().cpu(), expected.cpu(), atol=1e-4)


def _sum_of_squares(t):
    return t.pow(2).sum()


def _sum_of_cubes(t):
    return t.pow(3).sum()


def _smooth(t):
    return (torch.sin(t) * t.exp()).sum() + t.pow(2).mean()


def test_small_example(exercise):
    """grad_of(sum of squares, [[2, -1], [1, 1]]) is [[4, -2], [2, 2]]"""
    grad_of = require_function(exercise, "grad_of")
    x = torch.tensor([[2.0, -1.0], [1.0, 1.0]])
    got = grad_of(_sum_of_squares, x)
    assert_close(got, torch.tensor([[4.0, -2.0], [2.0, 2.0]]),
                 call=describe_call("grad_of", SQUARES, x),
                 hint="d/dx of x² is 2x, element by element.")


def test_random_cubes(exercise, rng, device):
    """the gradient of sum(x³) is 3x², same shape, dtype and device as x"""
    grad_of = require_function(exercise, "grad_of")
    for shape in [(5,), (3, 4), (1, 1), (2, 1, 3)]:
        x = randn(*shape, generator=rng, device=device)
        got = grad_of(_sum_of_cubes, x)
        assert_close(got, 3 * x.detach() ** 2, atol=1e-5, rtol=1e-5,
                     call=describe_call("grad_of", CUBES, x))


def test_matches_finite_differences(exercise, rng):
    """agrees with central finite differences on a smooth float64 function"""
    grad_of = require_function(exercise, "grad_of")
    x = randn(3, 2, generator=rng, dtype=torch.float64)
    got = grad_of(_smooth, x)
    assert_tensor(got, call=describe_call("grad_of", SMOOTH, x), shape=(3, 2),
                  dtype=torch.float64)
    assert_gradient(got, numeric_gradient(_smooth, x.clone()), name="x", tolerance=1e-7)


def test_same_answer_twice(exercise, rng):
    """calling it twice on the same x gives the same gradient (nothing accumulates)"""
    grad_of = require_function(exercise, "grad_of")
    x = randn(4, generator=rng)
    first = grad_of(_sum_of_squares, x)
    first = first.clone() if isinstance(first, torch.Tensor) else first
    second = grad_of(_sum_of_squares, x)
    hint = None
    if _close(second, 4 * x):
        hint = ("the second call returned 4x instead of 2x: .backward() adds into x.grad, so the "
                "gradient left by the first call was added again. Work on a fresh leaf "
                "(x.detach().requires_grad_()) or use torch.autograd.grad.")
    assert_close(second, 2 * x, call="the second " + describe_call("grad_of", SQUARES, x),
                 hint=hint)


def test_leaves_x_untouched(exercise, rng):
    """leaves the caller's x alone: same values, requires_grad still False, x.grad still None"""
    grad_of = require_function(exercise, "grad_of")
    x = randn(3, generator=rng)
    before = x.clone()
    grad_of(_sum_of_squares, x)
    call = describe_call("grad_of", SQUARES, x)
    assert not x.requires_grad, (
        f"after {call}, the caller's x has requires_grad=True: your function switched it on."
        "\nHint: don't change the caller's tensor; make your own leaf with "
        "x.detach().requires_grad_().")
    assert x.grad is None, (
        f"after {call}, the caller's x.grad holds {x.grad}: your function leaked a gradient "
        "into its input.\nHint: torch.autograd.grad returns the gradient without storing it "
        "in .grad; or call backward on your own detached copy.")
    assert torch.equal(x, before), f"{call} changed the values of x."


def test_input_that_already_requires_grad(exercise, rng):
    """works on a parameter that already requires grad and has a .grad, and leaves that .grad be"""
    grad_of = require_function(exercise, "grad_of")
    w = randn(2, 3, generator=rng).requires_grad_()
    old = torch.full((2, 3), 100.0)
    w.grad = old.clone()
    got = grad_of(_sum_of_squares, w)
    call = describe_call("grad_of", SQUARES, w)
    hint = None
    if _close(got, 2 * w.detach() + 100):
        hint = ("the caller's old w.grad (all 100s) ended up in your answer: backward() added to "
                "it. Read the gradient from torch.autograd.grad, or from a fresh leaf's .grad.")
    assert_close(got, 2 * w.detach(), call=call, hint=hint)
    assert w.grad is not None and torch.equal(w.grad, old), (
        f"{call} changed w.grad, which held a gradient the caller still needs."
        "\nHint: a function that reports a gradient should not write into its input's .grad.")
    assert got.grad_fn is None and not got.requires_grad, (
        f"{call} returned a tensor that is still part of a graph (requires_grad=True). "
        "Return a plain gradient, without create_graph.")


def test_calls_f_once(exercise, rng):
    """uses autograd: f is evaluated once, not once per element as finite differences would"""
    grad_of = require_function(exercise, "grad_of")
    calls = []

    def f(t):
        calls.append(1)
        return t.pow(2).sum()

    x = randn(6, generator=rng)
    got = grad_of(f, x)
    assert_close(got, 2 * x, call=describe_call("grad_of", SQUARES, x))
    assert len(calls) == 1, (
        f"{describe_call('grad_of', SQUARES, x)} called f {len(calls)} times; one forward pass "
        "and one backward pass are enough.\nHint: let autograd do the work: "
        "torch.autograd.grad(f(x), x).")


def test_inside_no_grad(exercise, rng):
    """still works when the caller is inside a torch.no_grad() block"""
    grad_of = require_function(exercise, "grad_of")
    x = randn(3, generator=rng)
    call = "with torch.no_grad(): " + describe_call("grad_of", SQUARES, x)
    try:
        with torch.no_grad():
            got = grad_of(_sum_of_squares, x)
    except NotImplementedError:
        raise  # the untouched stub: reported as "not started"
    except RuntimeError as error:
        raise AssertionError(
            f"{call} raised RuntimeError: {str(error).splitlines()[0]}\nHint: inside "
            "torch.no_grad() nothing is recorded, so there is no graph to differentiate. "
            "Wrap your own work in `with torch.enable_grad():`.") from None
    assert_close(got, 2 * x, call=call)
