"""Checks for lesson07/gradient_check."""

import pytest
import torch

from tutor.testing import brief, describe, describe_call, no_autograd, randn, require_function

F64 = torch.float64
NAMES = ("W1", "b1", "W2", "b2")


def _random(rng, n, d, h, o):
    x = randn(n, d, generator=rng, dtype=F64)
    y = randn(n, o, generator=rng, dtype=F64)
    params = {"W1": randn(d, h, generator=rng, dtype=F64), "b1": randn(h, generator=rng, dtype=F64),
              "W2": randn(h, o, generator=rng, dtype=F64), "b2": randn(o, generator=rng, dtype=F64)}
    return x, y, params


def _toy():
    x = torch.tensor([[1.0, 1.0]], dtype=F64)
    y = torch.tensor([[0.0]], dtype=F64)
    params = {"W1": torch.tensor([[-0.0053, -0.5820, -0.2723], [0.3793, -0.5204, 0.1896]],
                                 dtype=F64),
              "b1": torch.tensor([-0.0140, 0.5607, -0.0628], dtype=F64),
              "W2": torch.tensor([[0.1528], [-0.1745], [-0.1135]], dtype=F64),
              "b2": torch.tensor([-0.5516], dtype=F64)}
    return x, y, params


def _backward(x, y, W1, b1, W2, b2, *, sigmoid_slope=True, b2_summed=True, scale=1.0):
    """A hand-written backward pass; the keyword flags plant known bugs in it."""
    h = torch.sigmoid(x @ W1 + b1)
    d_y_hat = 2 * (h @ W2 + b2 - y) / y.numel()
    d_z = (d_y_hat @ W2.T) * (h * (1 - h) if sigmoid_slope else 1)
    return {"W1": scale * (x.T @ d_z), "b1": scale * d_z.sum(0), "W2": scale * (h.T @ d_y_hat),
            "b2": d_y_hat.sum(0) if b2_summed else d_y_hat.mean(0)}


class _Named:
    """A backward function that shows its name in check messages."""

    def __init__(self, name, **bugs):
        self.name, self.bugs = name, bugs

    def __call__(self, x, y, W1, b1, W2, b2):
        return _backward(x, y, W1, b1, W2, b2, **self.bugs)

    def __repr__(self):
        return self.name


CORRECT = _Named("correct_backward")
NO_SIGMOID_SLOPE = _Named("backward_missing_sigmoid_slope", sigmoid_slope=False)
B2_AVERAGED = _Named("backward_b2_averaged", b2_summed=False)


class _Params(dict):
    """The params dict, shown as its shapes in check messages."""

    def __repr__(self):
        return "{" + ", ".join(f"{k!r}: {brief(v)}" for k, v in self.items()) + "}"


def _call(exercise, backward_fn, x, y, params):
    gradient_check = require_function(exercise, "gradient_check")
    params = _Params(params)
    call = describe_call("gradient_check", backward_fn, x, y, "params")
    call = call.replace("'params'", repr(params))
    with no_autograd("The reference gradient comes from finite differences."):
        errors = gradient_check(backward_fn, x, y, params)
    if not isinstance(errors, dict) or sorted(errors) != sorted(NAMES):
        keys = sorted(map(str, errors)) if isinstance(errors, dict) else None
        raise AssertionError(f"{call} returned {describe(errors)}"
                             + (f" with keys {keys}" if keys is not None else "")
                             + "; expected a dict with the keys 'W1', 'b1', 'W2', 'b2'.")
    for name, value in errors.items():
        if isinstance(value, torch.Tensor) or not isinstance(value, float):
            raise AssertionError(f"{call}[{name!r}] is {describe(value)}; expected a Python "
                                 "float.\nHint: relative_error returns a float; .item() turns a "
                                 "0-dim tensor into one.")
    return errors, call


def _expect(errors, call, small, large):
    for name in small:
        if not errors[name] < 1e-7:
            raise AssertionError(
                f"{call} reported a relative error of {errors[name]:.2e} for {name}; this "
                "backward pass gets it right, so expected below 1e-7.\nHint: the numeric "
                f"gradient must come from mlp_loss with {name} replaced by the nudged copy and "
                "every other parameter left as it is.")
    for name in large:
        if not errors[name] > 1e-2:
            raise AssertionError(
                f"{call} reported a relative error of {errors[name]:.2e} for {name}; this "
                "backward pass has a bug in that gradient, so expected above 1e-2.\nHint: "
                "compare backward_fn's gradient with an independent numeric one, not with "
                "itself.")


@pytest.mark.parametrize("n, d, h, o", [(4, 3, 4, 2), (1, 2, 3, 1)])
def test_correct_backward_passes(exercise, rng, n, d, h, o):
    """a correct backward pass gets a relative error below 1e-7 for every parameter"""
    x, y, params = _random(rng, n, d, h, o)
    errors, call = _call(exercise, CORRECT, x, y, params)
    _expect(errors, call, small=NAMES, large=())


def test_toy_network(exercise):
    """the seed's toy network passes the check with a correct backward pass"""
    x, y, params = _toy()
    errors, call = _call(exercise, CORRECT, x, y, params)
    _expect(errors, call, small=NAMES, large=())


def test_finds_missing_sigmoid_slope(exercise, rng):
    """a backward without the sigmoid's slope fails for W1 and b1 only (above 1e-2)"""
    x, y, params = _random(rng, 5, 3, 4, 2)
    errors, call = _call(exercise, NO_SIGMOID_SLOPE, x, y, params)
    _expect(errors, call, small=("W2", "b2"), large=("W1", "b1"))


def test_finds_averaged_bias(exercise, rng):
    """a backward that averages b2's gradient over the batch fails for b2 only"""
    x, y, params = _random(rng, 6, 2, 3, 3)
    errors, call = _call(exercise, B2_AVERAGED, x, y, params)
    _expect(errors, call, small=("W1", "b1", "W2"), large=("b2",))


def test_params_unchanged(exercise, rng):
    """leaves every tensor in params exactly as it was"""
    x, y, params = _random(rng, 3, 2, 3, 2)
    before = {k: v.clone() for k, v in params.items()}
    _, call = _call(exercise, CORRECT, x, y, params)
    for name in NAMES:
        if not torch.equal(params[name], before[name]):
            raise AssertionError(f"after {call}, params[{name!r}] has changed.\nHint: nudge a "
                                 "copy (.clone()), or restore every value you nudge.")


def test_rule_no_autograd(exercise, rng):
    """Rule: no autograd (backward and torch.autograd.grad are switched off)"""
    x, y, params = _random(rng, 2, 2, 2, 1)
    errors, call = _call(exercise, NO_SIGMOID_SLOPE, x, y, params)
    _expect(errors, call, small=("W2", "b2"), large=("W1", "b1"))
