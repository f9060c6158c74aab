"""Checks for lesson13/logistic_regression.

Training is judged by behaviour: from w = 0, b = 0, full-batch gradient descent on the mean
BCE is deterministic, so any correct implementation (autograd, a hand-written gradient,
nn.Linear with torch.optim.SGD) follows the same trajectory as the plain spec below.
"""

import math

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe,
    describe_call,
    draw_int,
    randn,
    random_shape,
    require_function,
)


def _blobs(rng, n, d, dtype=torch.float64, device="cpu"):
    """Two Gaussian clouds, labels 0/1, separated along a random direction."""
    y = torch.randint(0, 2, (n,), generator=rng).to(dtype)
    y[0], y[1] = 0.0, 1.0
    direction = torch.randn(d, generator=rng, dtype=dtype)
    direction = direction / direction.norm()
    X = torch.randn(n, d, generator=rng, dtype=dtype) + 1.5 * (2 * y[:, None] - 1) * direction
    return X.to(device), y.to(device)


def _spec(X, y, lr, num_epochs, *, reduction="mean", record_after=False, accumulate=False,
          loss="bce"):
    """Gradient descent written out in float64; the keywords model common mistakes."""
    X, y = X.detach().cpu().double(), y.detach().cpu().double()
    n = X.shape[0] if reduction == "mean" else 1
    w, b = torch.zeros(X.shape[1], dtype=torch.float64), torch.zeros((), dtype=torch.float64)
    gw_sum, gb_sum = torch.zeros_like(w), torch.zeros_like(b)

    def loss_of(w, b):
        z = X @ w + b
        if loss == "mse":
            return float(((torch.sigmoid(z) - y) ** 2).sum() / n)
        return float((z.clamp(min=0) - z * y + torch.log1p(torch.exp(-z.abs()))).sum() / n)

    losses = []
    for _ in range(num_epochs):
        if not record_after:
            losses.append(loss_of(w, b))
        p = torch.sigmoid(X @ w + b)
        r = (p - y) if loss == "bce" else 2 * (p - y) * p * (1 - p)
        gw, gb = X.T @ r / n, r.sum() / n
        if accumulate:
            gw_sum, gb_sum = gw_sum + gw, gb_sum + gb
            gw, gb = gw_sum, gb_sum
        w, b = w - lr * gw, b - lr * gb
        if record_after:
            losses.append(loss_of(w, b))
    return w, b, losses


MISTAKES = {
    "the loss is summed over the rows instead of averaged (reduction='sum')":
        {"reduction": "sum"},
    "each loss is recorded after its update; record it before, as the loss the step starts "
    "from": {"record_after": True},
    "the gradients accumulate from epoch to epoch: zero them (w.grad = None or "
    "optimizer.zero_grad()) before each backward": {"accumulate": True},
    "that is a mean squared error on the probabilities; logistic regression minimises the "
    "binary cross-entropy": {"loss": "mse"},
}


def _diagnose(got_losses, X, y, lr, num_epochs):
    """The mistake whose trajectory the learner's losses follow, if any."""
    try:
        got = torch.tensor([float(v) for v in got_losses], dtype=torch.float64)
    except (TypeError, ValueError):
        return None
    for words, kwargs in MISTAKES.items():
        _, _, wrong = _spec(X, y, lr, num_epochs, **kwargs)
        if len(wrong) == len(got) and torch.allclose(got, torch.tensor(wrong, dtype=torch.float64), rtol=1e-4,
                                                     atol=1e-6):
            return words
    return None


def _train(exercise, X, y, lr, num_epochs, defaults=False):
    """The learner's training run; ``defaults`` leaves lr and num_epochs to the signature."""
    train = require_function(exercise, "train_logistic_regression")
    if defaults:
        call = describe_call("train_logistic_regression", X, y)
        result = train(X, y)
    else:
        call = describe_call("train_logistic_regression", X, y, lr=lr, num_epochs=num_epochs)
        result = train(X, y, lr=lr, num_epochs=num_epochs)
    assert isinstance(result, tuple) and len(result) == 3, (
        f"{call} returned {describe(result)}; expected a tuple (w, b, losses).")
    return result, call


def _assert_params(w, b, X, call):
    """Shapes first, then dtype and device, each with the hint that fits it."""
    d = X.shape[1]
    linear_w = isinstance(w, torch.Tensor) and tuple(w.shape) == (1, d)
    assert_tensor(w, call=call + " -> w", shape=(d,),
                  hint="w is (D,)" + (": nn.Linear's weight is (1, D), so take weight[0]."
                                      if linear_w else "."))
    linear_b = isinstance(b, torch.Tensor) and tuple(b.shape) == (1,)
    assert_tensor(b, call=call + " -> b", shape=(),
                  hint="b is a 0-d tensor (shape ())" + (
                      ": nn.Linear's bias has shape (1,), so take bias[0] or bias.squeeze(0)."
                      if linear_b else "."))
    where = ("create w and b with dtype=X.dtype and device=X.device (torch.zeros(..., "
             "dtype=X.dtype, device=X.device)); torch.zeros(D) is float32 on the CPU.")
    assert_tensor(w, call=call + " -> w", dtype=X.dtype, device=X.device, hint=where)
    assert_tensor(b, call=call + " -> b", dtype=X.dtype, device=X.device, hint=where)


def _check_trained(exercise, X, y, lr, num_epochs, atol, defaults=False):
    (w, b, losses), call = _train(exercise, X, y, lr, num_epochs, defaults)
    w_ref, b_ref, losses_ref = _spec(X, y, lr, num_epochs)
    assert isinstance(losses, list) and len(losses) == num_epochs \
        and all(isinstance(v, float) for v in losses), (
            f"{call} returned losses = {describe(losses)}; expected a list of {num_epochs} "
            "Python floats (loss.item() once per epoch).")
    _assert_params(w, b, X, call)
    got_losses = torch.tensor(losses, dtype=torch.float64)
    want_losses = torch.tensor(losses_ref, dtype=torch.float64)
    hint = None
    if not torch.allclose(got_losses, want_losses, atol=atol, rtol=atol):
        hint = _diagnose(losses, X, y, lr, num_epochs)      # only when it is needed
    assert_close(got_losses, want_losses, call=call + " -> losses", atol=atol, rtol=atol,
                 hint=hint)
    assert_close(w, w_ref.to(X.device, X.dtype), call=call + " -> w", atol=atol, rtol=atol)
    assert_close(b, b_ref.to(X.device, X.dtype), call=call + " -> b", atol=atol, rtol=atol)
    return w, b, losses, call


@pytest.mark.task(1)
def test_predict_proba_example(exercise):
    """predict_proba([[1., 2.]], w=[0.5, -1.], b=1.) is [0.3775]"""
    predict_proba = require_function(exercise, "predict_proba")
    X, w, b = torch.tensor([[1.0, 2.0]]), torch.tensor([0.5, -1.0]), torch.tensor(1.0)
    assert_close(predict_proba(X, w, b), torch.sigmoid(X @ w + b),
                 call=describe_call("predict_proba", X, w, b), atol=1e-6)


@pytest.mark.task(1)
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=["float32", "float64"])
def test_predict_proba_random(exercise, rng, device, dtype):
    """predict_proba matches sigmoid(X @ w + b), is differentiable in w and b, changes no input"""
    n, d = random_shape(rng, 2, 1, 9, names="n, d")
    X = randn(n, d, generator=rng, dtype=dtype, device=device)
    w = (randn(d, generator=rng, dtype=dtype, device=device) * 2).requires_grad_()
    b = randn(generator=rng, dtype=dtype, device=device).requires_grad_()
    call = describe_call("predict_proba", X, w, b)
    before = [t.detach().clone() for t in (X, w, b)]
    got = require_function(exercise, "predict_proba")(X, w, b)
    assert all(torch.equal(t.detach(), old) for t, old in zip((X, w, b), before)), (
        f"{call} changed X, w or b in place; compute the probabilities into a new tensor.")
    assert_close(got, torch.sigmoid(X @ w.detach() + b.detach()), call=call, atol=1e-6,
                 rtol=1e-5)
    assert got.requires_grad, (f"{call} returned probabilities cut off from w and b; keep "
                               "them tensor operations (no .detach(), .item(), torch.tensor).")
    got.sum().backward()
    p = torch.sigmoid(X @ w.detach() + b.detach())
    assert_close(w.grad, X.T @ (p * (1 - p)), call=f"the gradient of sum({call}) w.r.t. w",
                 atol=1e-5, rtol=1e-5)
    assert X.grad is None and not X.requires_grad


@pytest.mark.task(1)
@pytest.mark.parametrize("x_shape, w_shape", [((4,), (4,)), ((2, 3, 4), (4,)),
                                              ((5, 3), (3, 1)), ((5, 3), (4,)),
                                              ((5, 3), (1, 3))], ids=str)
def test_predict_proba_rejects_bad_shapes(exercise, rng, expect_error, x_shape, w_shape):
    """X that is not (N, D), or w that is not (D,), raises ValueError"""
    X, w, b = randn(*x_shape, generator=rng), randn(*w_shape, generator=rng), torch.tensor(0.0)
    expect_error(require_function(exercise, "predict_proba"), X, w, b,
                 call=describe_call("predict_proba", X, w, b),
                 why="X must be (N, D) and w (D,). A (D, 1) w turns the (N,) probabilities "
                     "into an (N, 1) column that broadcasts against (N,) labels.",
                 fix="check X.dim() == 2 and w.shape == (X.shape[1],) first and raise "
                     "ValueError yourself.")


@pytest.mark.task(1)
def test_predict_proba_device(exercise, meta_call):
    """predict_proba keeps X's dtype and device (checked on the data-free 'meta' device)"""
    X = torch.empty(6, 3, dtype=torch.float64, device="meta")
    w = torch.empty(3, dtype=torch.float64, device="meta")
    b = torch.empty((), dtype=torch.float64, device="meta")
    call = describe_call("predict_proba", X, w, b)
    got = meta_call(call, require_function(exercise, "predict_proba"), X, w, b)
    assert_tensor(got, call=call, shape=(6,))
    assert_tensor(got, call=call, dtype=torch.float64, device="meta")


@pytest.mark.task(2)
def test_first_loss_is_log_2(exercise, rng):
    """from w = 0, b = 0 every probability is 0.5, so the first loss is log 2 = 0.693147"""
    X, y = _blobs(rng, 10, 2)
    (_, _, losses), call = _train(exercise, X, y, 0.5, 1)
    assert isinstance(losses, list) and len(losses) == 1, (
        f"{call} returned losses = {describe(losses)}; expected a list with 1 float.")
    assert abs(float(losses[0]) - math.log(2)) < 1e-9, (
        f"{call} recorded a first loss of {losses[0]}; expected log 2 = 0.693147 (w and b "
        "start at zero and the loss is recorded before the update).")


@pytest.mark.task(2)
def test_matches_gradient_descent(exercise, rng, device):
    """follows full-batch gradient descent on the mean BCE exactly (float64)"""
    n, d = draw_int(rng, 20, 59, "n"), draw_int(rng, 2, 5, "d")
    lr = float(torch.empty(()).uniform_(0.1, 1.0, generator=rng))
    num_epochs = draw_int(rng, 15, 39, "num_epochs")
    X, y = _blobs(rng, n, d, device=device)
    _check_trained(exercise, X, y, lr, num_epochs, atol=1e-8)


@pytest.mark.task(2)
def test_float32(exercise, rng):
    """float32 data give float32 w and b on the same trajectory"""
    X, y = _blobs(rng, 30, 3, dtype=torch.float32)
    _check_trained(exercise, X, y, 0.5, 25, atol=1e-4)


@pytest.mark.task(3)
def test_learns_to_classify(exercise, rng):
    """with the defaults (lr=0.5, num_epochs=100) the loss falls and held-out points are classified"""
    X, y = _blobs(rng, 200, 2)
    w, b, losses, call = _check_trained(exercise, X[:100], y[:100], 0.5, 100, atol=1e-8,
                                        defaults=True)
    assert losses[-1] < 0.5 * losses[0], f"{call}: the loss went from {losses[0]} to {losses[-1]}"
    predict_proba = require_function(exercise, "predict_proba")
    accuracy = ((predict_proba(X[100:], w, b) > 0.5).double() == y[100:]).double().mean()
    assert accuracy > 0.8, f"held-out accuracy {float(accuracy):.2f}; expected above 0.8"


@pytest.mark.task(3)
def test_returns_detached(exercise, rng):
    """w and b come back detached: requires_grad False, no grad_fn"""
    X, y = _blobs(rng, 12, 3)
    w, b, _, call = _check_trained(exercise, X, y, 0.3, 5, atol=1e-8)
    for name, t in (("w", w), ("b", b)):
        assert not t.requires_grad and t.grad_fn is None, (
            f"{call} returned {name} with requires_grad={t.requires_grad}, "
            f"grad_fn={t.grad_fn}; the contract is a detached tensor.\nHint: return "
            f"{name}.detach(): a result still tied to autograd keeps training state alive "
            "and makes the caller's arithmetic record a graph.")


@pytest.mark.task(3)
def test_inputs_unchanged(exercise, rng):
    """X and y keep their values (no normalising in place) and their autograd state"""
    X, y = _blobs(rng, 16, 3)
    X_before, y_before = X.clone(), y.clone()
    _, call = _train(exercise, X, y, 0.5, 5)
    assert torch.equal(X, X_before) and torch.equal(y, y_before), (
        f"{call} changed X or y in place.\nHint: -=, /=, sub_ and div_ write into the "
        "caller's data; work on new tensors.")
    assert not X.requires_grad and not y.requires_grad and X.grad is None, (
        f"{call} switched on requires_grad for the data; only w and b need gradients.")


@pytest.mark.task(3)
def test_zero_epochs_device_and_dtype(exercise, meta_call):
    """w and b are created in X's dtype on X's device (0 epochs on the data-free 'meta' device)"""
    X = torch.empty(8, 3, dtype=torch.float64, device="meta")
    y = torch.empty(8, dtype=torch.float64, device="meta")
    call = describe_call("train_logistic_regression", X, y, lr=0.5, num_epochs=0)
    (w, b, losses), call = meta_call(call, _train, exercise, X, y, 0.5, 0)
    _assert_params(w, b, X, call)
    assert losses == [], f"{call} returned losses {describe(losses)}; expected [] for 0 epochs."


@pytest.mark.gpu
@pytest.mark.task(3)
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on CUDA: w and b end on the GPU and match the CPU trajectory"""
    X, y = _blobs(rng, 64, 4, dtype=torch.float32)
    (w, b, losses), call = _train(exercise, X.to(gpu_device), y.to(gpu_device), 0.5, 30)
    w_ref, b_ref, losses_ref = _spec(X, y, 0.5, 30)
    assert_close(w, w_ref.to(gpu_device, torch.float32), call=call + " -> w", atol=1e-4,
                 rtol=1e-4)
    assert_close(b, b_ref.to(gpu_device, torch.float32), call=call + " -> b", atol=1e-4,
                 rtol=1e-4)
    assert_close(torch.tensor(losses, dtype=torch.float64), torch.tensor(losses_ref, dtype=torch.float64),
                 call=call + " -> losses", atol=1e-4, rtol=1e-4)
