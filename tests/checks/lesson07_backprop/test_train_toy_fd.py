"""Checks for lesson07/train_toy_fd."""

import torch

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe,
    describe_call,
    draw_int,
    loss_curves,
    no_autograd,
    on_failure,
    require_function,
)

F64 = torch.float64
SEED_PREDICTION = -0.0174781    # printed by the seed: forward differences, h = 1e-4, float32
START_PREDICTION = -0.578403
START_LOSS = 0.334550
STEP_HINT = ("check both halves of a step: the gradients (central differences with eps = 1e-6, "
             "all taken before any update) and the update p ← p − lr · grad with the lr given.")


def _toy():
    x = torch.tensor([[1.0, 1.0]], dtype=F64)
    y = torch.tensor([[0.0]], dtype=F64)
    params = {"W1": torch.tensor([[-0.0053, -0.5820, -0.2723], [0.3793, -0.5204, 0.1896]],
                                 dtype=F64),
              "b1": torch.tensor([-0.0140, 0.5607, -0.0628], dtype=F64),
              "W2": torch.tensor([[0.1528], [-0.1745], [-0.1135]], dtype=F64),
              "b2": torch.tensor([-0.5516], dtype=F64)}
    return x, y, params


def _forward(x, p):
    return torch.sigmoid(x @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"]


def _gradient_descent(num_steps, lr, sequential=False):
    """Reference run with exact gradients (autograd, outside the rule's block).

    ``sequential=True`` is the classic slip: each parameter is updated before the next
    one's gradient is taken. It is only used to recognise that mistake.
    """
    x, y, params = _toy()
    losses = []
    for _ in range(num_steps):
        losses.append(((_forward(x, params) - y) ** 2).mean().item())
        for name in (list(params) if sequential else [None]):
            leaves = {k: v.clone().requires_grad_(True) for k, v in params.items()}
            loss = ((_forward(x, leaves) - y) ** 2).mean()
            grads = dict(zip(leaves, torch.autograd.grad(loss, list(leaves.values()))))
            params = {k: (v - lr * grads[k] if name in (None, k) else v)
                      for k, v in params.items()}
    return _forward(x, params).detach(), losses


def _call(exercise, num_steps, lr, rule=True, defaults=False):
    """The learner's run; ``defaults=True`` calls train_toy_fd() with its own defaults."""
    train_toy_fd = require_function(exercise, "train_toy_fd")
    kwargs = {} if defaults else {"num_steps": num_steps, "lr": lr}
    call = describe_call("train_toy_fd", **kwargs)
    if rule:
        with no_autograd("The gradients in this exercise come from finite differences."):
            result = train_toy_fd(**kwargs)
    else:
        result = train_toy_fd(**kwargs)
    if not (isinstance(result, tuple) and len(result) == 2):
        raise AssertionError(f"{call} returned {describe(result)}; expected a pair "
                             "(y_hat, losses).")
    y_hat, losses = result
    assert_tensor(y_hat, call=f"{call}, its y_hat,", shape=(1, 1), dtype=F64,
                  hint="return toy_forward(params) after the last step: shape (1, 1).")
    if not isinstance(losses, list) or len(losses) != num_steps or \
            not all(isinstance(v, float) for v in losses):
        raise AssertionError(
            f"{call} returned losses = {describe(losses)}; expected a list of {num_steps} "
            "Python floats, one per step.\nHint: append toy_loss(params).item() once per step.")
    return y_hat, losses, call


def _assert_trajectory(got, want, num_steps, lr, call, hint=None):
    """Compare two runs; on a mismatch, name the mistake when it is a known one."""
    close = torch.allclose(got, want, atol=1e-9, rtol=1e-8)
    if not close and got.shape == want.shape:
        hint = _trajectory_hint(got.flatten().tolist(), num_steps, lr) or hint
    with on_failure(curves=lambda: loss_curves(got.tolist(), want.tolist())):
        assert_close(got, want, atol=1e-9, rtol=1e-8, call=call, hint=hint)


def _trajectory_hint(losses, num_steps, lr):
    """Name the mistake when the learner's losses match a known wrong trajectory."""
    _, more = _gradient_descent(num_steps + 1, lr)
    if torch.allclose(torch.tensor(losses), torch.tensor(more[1:]), rtol=1e-7, atol=0):
        return "each loss is recorded after its step: record toy_loss(params) before updating."
    _, sequential = _gradient_descent(num_steps, lr, sequential=True)
    if torch.allclose(torch.tensor(losses), torch.tensor(sequential), rtol=1e-7, atol=0):
        return ("each parameter is updated before the next one's gradient is taken. Take all "
                "four gradients at the same weights, then update all four.")
    return None


def test_no_training(exercise):
    """train_toy_fd(0) gives the seed's starting y_hat [[−0.578403]] and no losses"""
    y_hat, losses, call = _call(exercise, 0, 0.01)
    assert_close(y_hat, torch.tensor([[START_PREDICTION]], dtype=F64), atol=1e-6,
                 call=call + ", its y_hat,", hint="start from toy_params() and don't change it.")


def test_first_losses(exercise):
    """the first loss is the seed's starting MSE 0.334550, then 0.312076 after one step"""
    y_hat, losses, call = _call(exercise, 3, 0.01)
    assert_close(torch.tensor(losses[:1], dtype=F64), torch.tensor([START_LOSS], dtype=F64),
                 atol=1e-6, call=call + ", its first loss,",
                 hint="record toy_loss(params) before the first update.")
    _, want = _gradient_descent(3, 0.01)
    _assert_trajectory(torch.tensor(losses, dtype=F64), torch.tensor(want, dtype=F64), 3, 0.01,
                       call + ", its losses,", hint=STEP_HINT)


def test_follows_gradient_descent(exercise, rng):
    """follows gradient descent exactly for a random lr and number of steps"""
    lr = round(0.01 + 0.3 * torch.rand((), generator=rng).item(), 4)
    num_steps = draw_int(rng, 3, 8, name="num_steps")
    y_hat, losses, call = _call(exercise, num_steps, lr)
    want_y_hat, want_losses = _gradient_descent(num_steps, lr)
    _assert_trajectory(torch.tensor(losses, dtype=F64), torch.tensor(want_losses, dtype=F64),
                       num_steps, lr, call + ", its losses,", hint=STEP_HINT)
    assert_close(y_hat, want_y_hat, atol=1e-9, rtol=1e-8, call=call + ", its y_hat,",
                 hint="return toy_forward(params) after the last update.")


def test_seed_run(exercise):
    """train_toy_fd() (100 steps at lr 0.01, the defaults) reaches y_hat = −0.0174362 (the seed's forward differences printed −0.0174781)"""
    # 2,600 evaluations of the network: the rule is checked on the shorter runs instead,
    # because watching every torch call would double this check's time.
    y_hat, losses, call = _call(exercise, 100, 0.01, rule=False, defaults=True)
    want_y_hat, want_losses = _gradient_descent(100, 0.01)
    value = y_hat.item()
    hint = None
    if abs(value - (-0.0174745)) < 2e-7:
        hint = ("this is what forward differences with h = 1e-4 give (the seed's method). "
                "Central differences with eps = 1e-6 land on −0.0174362, like exact gradients.")
    elif abs(value - want_y_hat.item()) < 1e-5:
        hint = ("close: forward differences (f(x + eps) − f(x)) / eps land here. Use central "
                "differences (f(x + eps) − f(x − eps)) / (2·eps).")
    assert_close(y_hat, want_y_hat, atol=1e-8, rtol=0, call=call + ", its y_hat,", hint=hint)
    if abs(value - SEED_PREDICTION) > 1e-4:
        raise AssertionError(f"{call} gave y_hat = {value:.7f}, more than 1e-4 away from the "
                             f"seed's {SEED_PREDICTION}.")
    assert_close(torch.tensor(losses[-1]), torch.tensor(want_losses[-1]), atol=1e-10, rtol=1e-6,
                 call=call + ", its last loss,")


def test_rule_no_autograd(exercise):
    """Rule: no autograd (backward and torch.autograd.grad are switched off)"""
    y_hat, _, call = _call(exercise, 2, 0.05)
    want_y_hat, _ = _gradient_descent(2, 0.05)
    assert_close(y_hat, want_y_hat, atol=1e-9, rtol=1e-8, call=call + ", its y_hat,")
