"""Checks for lesson06/jacobian."""

import torch

from tutor.testing import (
    Source,
    assert_close,
    assert_tensor,
    describe_call,
    forbidden,
    randn,
    require_function,
)

FORBIDDEN = ("torch.autograd.functional.jacobian", "torch.func.jacrev", "torch.func.jacfwd")


def _softmax(t):
    return torch.softmax(t, dim=0)


def _reference(f, x):
    return torch.autograd.functional.jacobian(f, x.detach())


def _hint_for(got, expected):
    """Name the two classic mistakes when the numbers show them."""
    if not isinstance(got, torch.Tensor) or got.shape != expected.shape:
        if isinstance(got, torch.Tensor) and got.shape == expected.shape[::-1]:
            return ("row i must be the gradient of output i: J has shape (m, n) = "
                    "(outputs, inputs).")
        return None
    cumulative = torch.cumsum(expected, dim=0)
    if expected.shape[0] > 1 and torch.allclose(got, cumulative, atol=1e-3):
        return ("each row is the sum of all rows before it: backward() adds into x.grad, so "
                "read each row with torch.autograd.grad, or clear x.grad between rows.")
    if expected.shape[0] == expected.shape[1] and torch.allclose(got, expected.T, atol=1e-3):
        return "the result is transposed: row i holds d y[i] / d x, one row per output."
    return None


def _run(jacobian, f, x, call):
    """Call the learner's function; explain the error a freed graph gives."""
    try:
        return jacobian(f, x)
    except NotImplementedError:
        raise  # the untouched stub: reported as "not started"
    except RuntimeError as error:
        message = str(error).splitlines()[0]
        hint = ""
        if "second time" in message:
            hint = ("\nHint: the first backward pass freed the graph. Pass retain_graph=True "
                    "to every pass that is followed by another one.")
        elif "implicitly created only for scalar" in message:
            hint = ("\nHint: f(x) has m elements: pass a vector v of that shape "
                    "(grad_outputs=v, or y.backward(v)); v = e_i gives row i.")
        raise AssertionError(f"{call} raised RuntimeError: {message}{hint}") from None


def _check(jacobian, f, x, name, **tolerance):
    call = describe_call("jacobian", Source(name), x)
    with forbidden(*FORBIDDEN, rule="Build J from one vector-Jacobian product per row."):
        got = _run(jacobian, f, x, call)
    expected = _reference(f, x)
    assert_close(got, expected, call=call, hint=_hint_for(got, expected), **tolerance)


def test_small_example(exercise):
    """the Jacobian of softmax at [0.9741, 0.7026, 0.0407] is diag(p) - p pᵀ"""
    jacobian = require_function(exercise, "jacobian")
    x = torch.tensor([0.9741, 0.7026, 0.0407])
    expected = torch.tensor([[0.2487, -0.1641, -0.0846],
                             [-0.1641, 0.2286, -0.0645],
                             [-0.0846, -0.0645, 0.1491]])
    call = describe_call("jacobian", Source("lambda t: torch.softmax(t, dim=0)"), x)
    got = _run(jacobian, _softmax, x, call)
    assert_close(got, expected, atol=1e-4, call=call,
                 hint=_hint_for(got, expected))


def test_linear_map(exercise, rng, device):
    """for f(x) = A @ x the Jacobian is A itself, shape (m, n) with m != n"""
    jacobian = require_function(exercise, "jacobian")
    A = randn(4, 3, generator=rng, device=device)
    x = randn(3, generator=rng, device=device)
    call = describe_call("jacobian", Source("lambda t: A @ t"), x)
    got = _run(jacobian, lambda t: A @ t, x, call)
    assert_close(got, A, atol=1e-6, call=call,
                 hint=_hint_for(got, A))


def test_random_functions(exercise, rng):
    """matches torch.autograd.functional.jacobian on random nonlinear functions"""
    jacobian = require_function(exercise, "jacobian")
    x = randn(4, generator=rng, dtype=torch.float64)
    B = randn(5, 4, generator=rng, dtype=torch.float64)
    _check(jacobian, _softmax, x, "lambda t: torch.softmax(t, dim=0)", atol=1e-10, rtol=1e-8)
    _check(jacobian, lambda t: torch.tanh(B @ t), x, "lambda t: torch.tanh(B @ t)",
           atol=1e-10, rtol=1e-8)
    _check(jacobian, lambda t: t * t.sum(), x, "lambda t: t * t.sum()", atol=1e-10, rtol=1e-8)
    one = randn(1, generator=rng, dtype=torch.float64)
    _check(jacobian, torch.sin, one, "torch.sin", atol=1e-10, rtol=1e-8)


def test_calls_f_once(exercise, rng):
    """evaluates f once and reuses its graph for every row (retain_graph=True)"""
    jacobian = require_function(exercise, "jacobian")
    calls = []

    def f(t):
        calls.append(1)
        return torch.tanh(t) * 2

    x = randn(4, generator=rng)
    call = describe_call("jacobian", Source("lambda t: torch.tanh(t) * 2"), x)
    got = _run(jacobian, f, x, call)
    assert_close(got, _reference(lambda t: torch.tanh(t) * 2, x), atol=1e-6, call=call)
    assert len(calls) == 1, (
        f"{call} called f {len(calls)} times for a (4, 4) "
        "Jacobian; one forward pass is enough.\nHint: a graph is freed after a backward "
        "pass unless you pass retain_graph=True; keep it and run one backward per row.")


def test_leaves_x_untouched(exercise, rng):
    """leaves the caller's x alone (values, requires_grad False, x.grad None) and returns no graph"""
    jacobian = require_function(exercise, "jacobian")
    x = randn(3, generator=rng)
    before = x.clone()
    call = describe_call("jacobian", Source("lambda t: torch.softmax(t, dim=0)"), x)
    got = _run(jacobian, _softmax, x, call)
    assert torch.equal(x, before), f"after {call}, the values of x have changed."
    assert isinstance(got, torch.Tensor) and not got.requires_grad and got.grad_fn is None, (
        f"{call} returned a tensor still attached to a graph (requires_grad=True).\nHint: the "
        "rows need no graph of their own: don't pass create_graph=True.")
    assert not x.requires_grad and x.grad is None, (
        f"after {call}, the caller's x has requires_grad={x.requires_grad} and "
        f"x.grad={x.grad}: your function changed its input.\nHint: work on "
        "x.detach().requires_grad_(), a fresh leaf that shares x's values.")


def test_meta_device(exercise):
    """creates its one-hot vectors on x's device: a meta x gives a meta Jacobian"""
    jacobian = require_function(exercise, "jacobian")
    A = torch.empty(4, 3, device="meta", dtype=torch.float64)
    x = torch.empty(3, device="meta", dtype=torch.float64)
    call = describe_call("jacobian", Source("lambda t: A @ t"), x)
    try:
        got = jacobian(lambda t: A @ t, x)
    except NotImplementedError as error:
        if "meta" not in str(error).lower():
            raise  # the untouched stub: "not started"
        raise AssertionError(f"{call} raised NotImplementedError: {error}") from None
    except RuntimeError as error:
        raise AssertionError(
            f"{call} (x on the meta device) raised RuntimeError: {str(error).splitlines()[0]}"
            "\nHint: torch.eye(m) without device= is a CPU tensor; on a GPU it would not "
            "match y. Use torch.eye(m, dtype=y.dtype, device=y.device).") from None
    assert_tensor(got, shape=(4, 3), dtype=torch.float64, device="meta", call=call,
                  hint="create the one-hot rows with device=y.device and dtype=y.dtype.")


def test_rule_no_jacobian_helpers(exercise, rng):
    """rule: no torch.autograd.functional.jacobian, torch.func.jacrev or jacfwd"""
    jacobian = require_function(exercise, "jacobian")
    x = randn(3, generator=rng)
    _check(jacobian, _softmax, x, "lambda t: torch.softmax(t, dim=0)", atol=1e-6)
