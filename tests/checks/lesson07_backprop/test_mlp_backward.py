"""Checks for lesson07/mlp_backward."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_gradient,
    assert_tensor,
    describe,
    describe_call,
    no_autograd,
    numeric_gradient,
    randn,
    relative_error,
    require_function,
)

F64 = torch.float64
NAMES = ("W1", "b1", "W2", "b2")


def _toy():
    """The seed's toy network: x = [[1, 1]], y = [[0]], W1 a transposed (2, 3) view."""
    x = torch.tensor([[1.0, 1.0]], dtype=F64)
    y = torch.tensor([[0.0]], dtype=F64)
    params = {
        "W1": torch.tensor([[-0.0053, 0.3793], [-0.5820, -0.5204], [-0.2723, 0.1896]],
                           dtype=F64).T,
        "b1": torch.tensor([-0.0140, 0.5607, -0.0628], dtype=F64),
        "W2": torch.tensor([[0.1528, -0.1745, -0.1135]], dtype=F64).T,
        "b2": torch.tensor([-0.5516], dtype=F64),
    }
    return x, y, params


def _random(rng, n, d, h, o, device="cpu"):
    x = randn(n, d, generator=rng, dtype=F64, device=device)
    y = randn(n, o, generator=rng, dtype=F64, device=device)
    params = {"W1": randn(d, h, generator=rng, dtype=F64, device=device),
              "b1": randn(h, generator=rng, dtype=F64, device=device),
              "W2": randn(h, o, generator=rng, dtype=F64, device=device),
              "b2": randn(o, generator=rng, dtype=F64, device=device)}
    return x, y, params


def _loss(x, y, p):
    h = torch.sigmoid(x @ p["W1"] + p["b1"])
    return ((h @ p["W2"] + p["b2"] - y) ** 2).mean()


def _autograd(x, y, params):
    """Reference gradients by autograd, computed outside the rule's block."""
    leaves = {k: v.detach().clone().requires_grad_(True) for k, v in params.items()}
    grads = torch.autograd.grad(_loss(x, y, leaves), [leaves[k] for k in NAMES])
    return dict(zip(NAMES, grads))


def _call(exercise, x, y, params):
    mlp_backward = require_function(exercise, "mlp_backward")
    call = describe_call("mlp_backward", x, y, *(params[k] for k in NAMES))
    with no_autograd("Write the backward pass with the chain rule."):
        got = mlp_backward(x, y, *(params[k] for k in NAMES))
    if not isinstance(got, dict):
        raise AssertionError(f"{call} returned {describe(got)}; expected a dict with the keys "
                             "'W1', 'b1', 'W2', 'b2'.")
    missing = [k for k in NAMES if k not in got]
    if missing:
        raise AssertionError(f"{call} returned a dict without {', '.join(map(repr, missing))}; "
                             f"it has {sorted(map(str, got))}. Use the keys 'W1', 'b1', 'W2', "
                             "'b2'.")
    return got, call


def _hint(name, got, want, y):
    """A likely cause when the learner's gradient is a simple multiple of the right one."""
    n, o = y.shape
    if got.shape != want.shape or not bool(want.abs().max() > 0):
        return None
    scale = float((got * want).sum() / (want * want).sum())
    if relative_error(got, scale * want) > 1e-6:
        if name in ("W1", "b1"):
            return ("W2 and b2 may be right while W1 and b1 are off: did you multiply by "
                    "the sigmoid's derivative h·(1 − h) on the way back through the hidden "
                    "layer?")
        return None
    if o > 1 and abs(scale - o) < 1e-6:
        return (f"every gradient is {o}× too big: the mean runs over all N·O = {n * o} "
                f"elements of y_hat, not over the N = {n} rows.")
    if abs(scale - 0.5) < 1e-6:
        return "every gradient is half the right size: d(e²)/de = 2e."
    if n > 1 and abs(scale - 1 / n) < 1e-6:
        return f"the gradient is {n}× too small: sum the per-row terms over the batch, " \
               "don't average them again."
    return f"the gradient is {scale:.4g}× the right one: check the factor in front."


def _check_all(got, want, call, y, tolerance=1e-7):
    for name in NAMES:
        grad = got[name]
        assert_tensor(grad, call=f"{call}[{name!r}]", shape=tuple(want[name].shape),
                      dtype=want[name].dtype, device=want[name].device,
                      hint=(f"the gradient has the shape of its parameter, {tuple(want[name].shape)}"
                            + (": sum over the batch dimension (dim=0)." if name[0] == "b"
                               else ".")))
    for name in NAMES:
        try:
            assert_gradient(got[name].detach().cpu(), want[name].detach().cpu(), name=name,
                            tolerance=tolerance)
        except AssertionError as error:
            # assert_gradient speaks of finite differences; here the reference is autograd.
            text = str(error).replace("with finite differences", "with autograd") \
                .replace(", numeric ", ", autograd ")
            hint = _hint(name, got[name].detach().cpu(), want[name].detach().cpu(), y.cpu())
            raise AssertionError(f"{call}: {text}" + (f"\nHint: {hint}" if hint else "")) \
                from None


def test_toy_network(exercise):
    """the seed's toy network: db2 = [−1.156806], each row of dW1 = [−0.042789, 0.046937, 0.032651]"""
    x, y, params = _toy()
    got, call = _call(exercise, x, y, params)
    want = _autograd(x, y, params)
    _check_all(got, want, call, y)
    assert_close(got["b2"], torch.tensor([-1.156806], dtype=F64), atol=1e-6, call=call + "['b2']")
    assert_close(got["W1"], torch.tensor([[-0.042789, 0.046937, 0.032651]] * 2, dtype=F64),
                 atol=1e-6, call=call + "['W1']")


@pytest.mark.parametrize("n, d, h, o", [(4, 3, 5, 2), (1, 1, 1, 1), (6, 2, 1, 3), (5, 4, 3, 1)])
def test_shapes(exercise, rng, n, d, h, o):
    """returns gradients shaped like W1 (D, H), b1 (H,), W2 (H, O), b2 (O,)"""
    x, y, params = _random(rng, n, d, h, o)
    got, call = _call(exercise, x, y, params)
    for name in NAMES:
        assert_tensor(got[name], call=f"{call}[{name!r}]", shape=tuple(params[name].shape),
                      hint=("a bias gradient has shape (H,) or (O,): sum the (N, ...) terms "
                            "over the batch with .sum(dim=0)." if name[0] == "b" else None))


def test_dtype_and_device(exercise, rng, device):
    """gradients keep the parameters' dtype (float64) and device"""
    x, y, params = _random(rng, 3, 2, 4, 2, device=device)
    got, call = _call(exercise, x, y, params)
    for name in NAMES:
        assert_tensor(got[name], call=f"{call}[{name!r}]", dtype=F64, device=device)


def test_meta_device(exercise):
    """creates nothing on the wrong device: meta inputs give meta gradients"""
    shapes = {"x": (4, 3), "y": (4, 2), "W1": (3, 5), "b1": (5,), "W2": (5, 2), "b2": (2,)}
    t = {k: torch.empty(*s, device="meta", dtype=F64) for k, s in shapes.items()}
    try:
        got, call = _call(exercise, t["x"], t["y"], {k: t[k] for k in NAMES})
    except (RuntimeError, NotImplementedError) as error:
        if isinstance(error, NotImplementedError) and "meta" not in str(error).lower():
            raise  # the untouched stub: "not started"
        raise AssertionError(
            f"mlp_backward(...) on meta tensors raised {type(error).__name__}: "
            f"{str(error).splitlines()[0]}\nHint: a tensor made without device= is a CPU "
            "tensor, and .item() needs real data; stay with operations on the inputs.") from None
    for name in NAMES:
        assert_tensor(got[name], call=f"{call}[{name!r}]", shape=shapes[name], dtype=F64,
                      device="meta")


@pytest.mark.parametrize("n, d, h, o", [(4, 3, 5, 2), (7, 2, 3, 1), (3, 5, 2, 4), (1, 3, 2, 3)])
def test_matches_autograd(exercise, rng, n, d, h, o):
    """matches autograd on random float64 networks (relative error below 1e-7)"""
    x, y, params = _random(rng, n, d, h, o)
    got, call = _call(exercise, x, y, params)
    _check_all(got, _autograd(x, y, params), call, y)


def test_matches_finite_differences(exercise, rng):
    """agrees with central differences, the check you wrote in exercise 1"""
    x, y, params = _random(rng, 3, 2, 3, 2)
    got, call = _call(exercise, x, y, params)
    for name in NAMES:
        def loss_of(t, name=name):
            return _loss(x, y, {**params, name: t})
        numeric = numeric_gradient(loss_of, params[name].clone())
        assert_tensor(got[name], call=f"{call}[{name!r}]", shape=tuple(numeric.shape))
        try:
            assert_gradient(got[name].detach(), numeric, name=name, tolerance=1e-6)
        except AssertionError as error:
            raise AssertionError(f"{call}: {error}") from None


def test_perfect_fit_gives_zero(exercise, rng):
    """when y_hat already equals y, every gradient is zero"""
    x, _, params = _random(rng, 4, 3, 2, 2)
    y = torch.sigmoid(x @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
    got, call = _call(exercise, x, y, params)
    for name in NAMES:
        assert_close(got[name], torch.zeros_like(params[name]), atol=1e-12,
                     call=f"{call}[{name!r}]",
                     hint="every gradient starts from y_hat − y, which is zero here.")


def test_inputs_unchanged(exercise, rng):
    """does not change x, y or the parameters"""
    x, y, params = _random(rng, 3, 2, 3, 2)
    before = [t.clone() for t in (x, y, *params.values())]
    _, call = _call(exercise, x, y, params)
    for label, now, then in zip(("x", "y", *NAMES), (x, y, *params.values()), before):
        assert_close(now, then, atol=0, rtol=0, call=f"after {call}, {label}",
                     hint="compute new tensors; don't update the inputs in place (-=, +=).")


def test_rule_no_autograd(exercise, rng):
    """Rule: no autograd (backward and torch.autograd.grad are switched off)"""
    x, y, params = _random(rng, 2, 3, 2, 1)
    got, call = _call(exercise, x, y, params)
    _check_all(got, _autograd(x, y, params), call, y)


@pytest.mark.gpu
def test_cuda_matches_cpu(exercise, rng, gpu_device):
    """CUDA inputs give CUDA gradients equal to the CPU ones"""
    x, y, params = _random(rng, 8, 5, 6, 3)
    want = _autograd(x, y, params)
    x_gpu, y_gpu = x.to(gpu_device), y.to(gpu_device)
    got, call = _call(exercise, x_gpu, y_gpu, {k: v.to(gpu_device) for k, v in params.items()})
    for name in NAMES:
        assert_tensor(got[name], call=f"{call}[{name!r}]", shape=tuple(params[name].shape),
                      dtype=F64, device=gpu_device)
        assert_close(got[name].cpu(), want[name], atol=1e-10, rtol=1e-8,
                     call=f"{call}[{name!r}] (moved to the CPU)")
