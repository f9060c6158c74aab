"""Checks for lesson08/fit_linear_regression."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    describe,
    describe_call,
    forbidden,
    inputs_unchanged,
    loss_curves,
    mistake,
    on_failure,
    require_function,
)


def _gd_by_hand(X, y, lr, num_epochs):
    """The spec, with the gradient of the mean squared error written out."""
    n = X.shape[0]
    w = torch.zeros(X.shape[1], dtype=X.dtype, device=X.device)
    b = torch.zeros((), dtype=X.dtype, device=X.device)
    for _ in range(num_epochs):
        r = X @ w + b - y
        w, b = w - lr * 2 * X.T @ r / n, b - lr * 2 * r.sum() / n
    return w, b


def _gd_mistakes(X, y, lr, num_epochs, which):
    """What two common mistakes return for ``which`` (0: w, 1: b): a summed loss, and
    gradients never cleared (each step uses the sum of all gradients so far)."""
    n = X.shape[0]

    def accumulating():
        w = torch.zeros(X.shape[1], dtype=X.dtype, device=X.device)
        b = torch.zeros((), dtype=X.dtype, device=X.device)
        gw, gb = torch.zeros_like(w), torch.zeros_like(b)
        for _ in range(num_epochs):
            r = X @ w + b - y
            gw, gb = gw + 2 * X.T @ r / n, gb + 2 * r.sum() / n
            w, b = w - lr * gw, b - lr * gb
        return w, b

    return [mistake("sum not mean", lambda: _gd_by_hand(X, y, lr * n, num_epochs)[which],
                    "that is gradient descent on the SUMMED squared error (each step N times "
                    "too large): the loss is the mean, ((X @ w + b - y) ** 2).mean()."),
            mistake("grads accumulate", lambda: accumulating()[which],
                    "each step used the sum of all gradients so far: clear w.grad and b.grad "
                    "after every update (backward() adds into .grad).")]


def _curves(fit, X, y, lr, num_epochs):
    """The loss after k epochs (the learner's function rerun per k) beside gradient descent's,
    for the first 20 epochs at most: 210 epochs of reruns in all, where a wrong step shows."""
    def loss(w, b):
        return ((X @ w.reshape(-1) + b.reshape(()) - y) ** 2).mean().item()

    epochs = range(min(num_epochs, 20) + 1)
    return loss_curves([loss(*fit(X, y, lr, k)) for k in epochs],
                       [loss(*_gd_by_hand(X, y, lr, k)) for k in epochs], x_label="epoch")


def _unpack(got, call):
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        raise AssertionError(f"{call} returned {describe(got)}; expected a tuple (w, b).")
    return got


HINT = ("one epoch = one step on the whole data: loss = ((X @ w + b - y) ** 2).mean(), "
        "backward, then w -= lr * w.grad and b -= lr * b.grad under torch.no_grad(), and clear "
        "both grads. w has shape (D,), so X @ w is (N,) like y; a (D, 1) w gives (N, 1) and "
        "(N, 1) - (N,) silently broadcasts to (N, N).")


def test_worked_example(exercise):
    """X = [[1], [2], [3]], y = [2, 4, 6], lr 0.1, one epoch: w = [56/30], b = 0.8"""
    fit = require_function(exercise, "fit_linear_regression")
    X, y = torch.tensor([[1.0], [2.0], [3.0]]), torch.tensor([2.0, 4.0, 6.0])
    call = describe_call("fit_linear_regression", X, y, 0.1, 1)
    w, b = _unpack(fit(X, y, 0.1, 1), call)
    assert_close(w, torch.tensor([56 / 30]), call=call + " [w]", hint=HINT,
                 mistakes=_gd_mistakes(X, y, 0.1, 1, 0))
    assert_close(b, torch.tensor(0.8), call=call + " [b]", hint=HINT,
                 mistakes=_gd_mistakes(X, y, 0.1, 1, 1))


def test_shapes_dtype_detached(exercise, rng):
    """returns w of shape (D,) and a 0-dim b, in X's dtype, with no autograd history"""
    X = torch.randn(8, 3, generator=rng, dtype=torch.float64)
    y = torch.randn(8, generator=rng, dtype=torch.float64)
    call = describe_call("fit_linear_regression", X, y, 0.1, 3)
    w, b = _unpack(exercise.fit_linear_regression(X, y, 0.1, 3), call)
    expected_w, expected_b = _gd_by_hand(X, y, 0.1, 3)
    assert_close(w, expected_w, call=call + " [w]", hint=HINT,
                 mistakes=_gd_mistakes(X, y, 0.1, 3, 0))
    assert_close(b, expected_b, call=call + " [b]", hint=HINT,
                 mistakes=_gd_mistakes(X, y, 0.1, 3, 1))
    for name, t in (("w", w), ("b", b)):
        if t.requires_grad:
            raise AssertionError(f"{call} returned {name} with requires_grad=True; return "
                                 f"{name}.detach() so the caller gets plain numbers.")


@pytest.mark.parametrize("n, d, num_epochs", [(1, 1, 4), (20, 2, 5), (33, 5, 8)])
def test_matches_gradient_descent_by_hand(exercise, rng, n, d, num_epochs):
    """each epoch is one gradient-descent step on the mean squared error (random data, lr)"""
    X = torch.randn(n, d, generator=rng)
    y = torch.randn(n, generator=rng)
    lr = 0.01 + 0.2 * float(torch.rand((), generator=rng))
    call = describe_call("fit_linear_regression", X, y, round(lr, 4), num_epochs)
    w, b = _unpack(exercise.fit_linear_regression(X, y, lr, num_epochs), call)
    expected_w, expected_b = _gd_by_hand(X, y, lr, num_epochs)
    with on_failure(curves=lambda: _curves(exercise.fit_linear_regression, X, y, lr, num_epochs)):
        assert_close(w, expected_w, call=call + " [w]", atol=1e-5, rtol=1e-4, hint=HINT)
        assert_close(b, expected_b, call=call + " [b]", atol=1e-5, rtol=1e-4, hint=HINT)


def test_zero_epochs_returns_zeros(exercise):
    """num_epochs = 0 returns the starting point: w = 0, b = 0"""
    X, y = torch.ones(4, 3), torch.ones(4)
    call = describe_call("fit_linear_regression", X, y, 0.1, 0)
    w, b = _unpack(exercise.fit_linear_regression(X, y, 0.1, 0), call)
    assert_close(w, torch.zeros(3), call=call + " [w]")
    assert_close(b, torch.zeros(()), call=call + " [b]")


def test_recovers_seed_001_parameters(exercise, rng):
    """on seed 001's data (w = [2, -3.4], b = 4.2, 100 examples) it recovers w and b"""
    X = torch.randn(100, 2, generator=rng)
    y = X @ torch.tensor([2.0, -3.4]) + 4.2 + 0.01 * torch.randn(100, generator=rng)
    call = describe_call("fit_linear_regression", X, y, 0.1, 200)
    w, b = _unpack(exercise.fit_linear_regression(X, y, 0.1, 200), call)
    ones = torch.ones(100, 1)
    best = torch.linalg.lstsq(torch.cat([X, ones], dim=1), y.unsqueeze(1)).solution.flatten()
    with on_failure(curves=lambda: _curves(exercise.fit_linear_regression, X, y, 0.1, 200)):
        assert_close(w, best[:2], call=call + " [w]", atol=1e-3, rtol=0.0, hint=HINT)
        assert_close(b, best[2], call=call + " [b]", atol=1e-3, rtol=0.0, hint=HINT)
    assert_close(w, torch.tensor([2.0, -3.4]), call=call + " [w vs the true w]", atol=0.05)


def test_sum_loss_would_diverge(exercise, rng):
    """uses the MEAN loss: lr = 0.5 on 200 examples converges (a summed loss would blow up)"""
    X = torch.randn(200, 2, generator=rng)
    y = X @ torch.tensor([1.0, -1.0]) + 0.5
    call = describe_call("fit_linear_regression", X, y, 0.5, 30)
    w, b = _unpack(exercise.fit_linear_regression(X, y, 0.5, 30), call)
    expected_w, expected_b = _gd_by_hand(X, y, 0.5, 30)
    hint = ("with lr 0.5 only the mean loss is stable; a summed loss makes the gradient "
            "200x larger and the steps overshoot. Use .mean(), not .sum().")
    with on_failure(curves=lambda: _curves(exercise.fit_linear_regression, X, y, 0.5, 30)):
        assert_close(w, expected_w, call=call + " [w]", atol=1e-4, rtol=1e-4, hint=hint)
        assert_close(b, expected_b, call=call + " [b]", atol=1e-4, rtol=1e-4, hint=hint)


def test_rule_no_optim_no_nn(exercise, rng):
    """rule: write the loop yourself (torch.optim.SGD, nn.Linear and nn.MSELoss are disabled)"""
    X = torch.randn(12, 3, generator=rng)
    y = torch.randn(12, generator=rng)
    call = describe_call("fit_linear_regression", X, y, 0.1, 3)
    with forbidden("torch.optim.SGD", "torch.nn.Linear", "torch.nn.MSELoss",
                   "torch.nn.functional.mse_loss",
                   rule="Create w and b yourself, write the loss as ((X @ w + b - y) ** 2).mean() "
                        "and update them under torch.no_grad()."):
        w, b = _unpack(exercise.fit_linear_regression(X, y, 0.1, 3), call)
    want_w, want_b = _gd_by_hand(X, y, 0.1, 3)
    assert_close(w, want_w, call=call + " [w]", hint=HINT)
    assert_close(b, want_b, call=call + " [b]", hint=HINT)


@pytest.mark.gpu
def test_on_gpu(exercise, rng, gpu_device):
    """on CUDA data, w and b are on CUDA and match the CPU result"""
    X = torch.randn(64, 3, generator=rng)
    y = torch.randn(64, generator=rng)
    expected_w, expected_b = _gd_by_hand(X, y, 0.1, 10)
    Xg, yg = X.to(gpu_device), y.to(gpu_device)
    call = describe_call("fit_linear_regression", Xg, yg, 0.1, 10)
    w, b = _unpack(exercise.fit_linear_regression(Xg, yg, 0.1, 10), call)
    hint = "create w and b with device=X.device so they live next to the data."
    assert_close(w, expected_w.to(gpu_device), call=call + " [w]", atol=1e-5, rtol=1e-4,
                 hint=hint)
    assert_close(b, expected_b.to(gpu_device), call=call + " [b]", atol=1e-5, rtol=1e-4,
                 hint=hint)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    fit_linear_regression = require_function(exercise, "fit_linear_regression")
    for args in [(torch.randn(8, 2, generator=rng), torch.randn(8, generator=rng), 0.05, 3)]:
        with inputs_unchanged(describe_call("fit_linear_regression", *args), **dict(zip(("X", "y", "lr", "num_epochs"), args))):
            fit_linear_regression(*args)


@pytest.mark.parametrize("num_epochs", [0, 2])
def test_parameters_made_on_x_device(exercise, num_epochs):
    """w and b are created on X's device and in its dtype (tried on the `meta` device, so a
    tensor made on the CPU shows up on any machine)"""
    fit = require_function(exercise, "fit_linear_regression")
    X = torch.empty(6, 3, device="meta", dtype=torch.float64)
    y = torch.empty(6, device="meta", dtype=torch.float64)
    call = describe_call("fit_linear_regression", X, y, 0.1, num_epochs)
    try:
        w, b = fit(X, y, 0.1, num_epochs)
    except NotImplementedError:
        raise  # a stub: "not started" (NotImplementedError is a RuntimeError)
    except RuntimeError as error:
        raise AssertionError(
            f"{call} raised {error}.\nHint: this often means w or b was created on the CPU; "
            "create them with device=X.device (and dtype=X.dtype).") from None
    for name, got in (("w", w), ("b", b)):
        assert got.device == X.device and got.dtype == X.dtype, (
            f"{call} returned {name} on {got.device} as {got.dtype}; expected meta and "
            "torch.float64, X's device and dtype.\nHint: create w and b with "
            "dtype=X.dtype, device=X.device.")
