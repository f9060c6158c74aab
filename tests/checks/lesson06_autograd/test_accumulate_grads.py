"""Checks for lesson06/accumulate_grads."""

import contextlib

import pytest
import torch

from tutor.testing import assert_close, describe_call, randn, require_function


def _full_batch_grad(w, X, y):
    """The gradient of mean((X @ w - y)²) over the whole batch, by autograd."""
    w = w.detach().requires_grad_()
    (grad,) = torch.autograd.grad(((X @ w - y) ** 2).mean(), w)
    return grad


@contextlib.contextmanager
def _count_backward_calls():
    """Count backward passes, whether started by loss.backward() or torch.autograd.backward."""
    original = torch.autograd.backward
    calls = []

    def spy(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    torch.autograd.backward = spy
    try:
        yield calls
    finally:
        torch.autograd.backward = original


def _diagnose(got, w, X, y, k, stale=None):
    """A likely cause when the numbers match a known mistake, else None."""
    full = _full_batch_grad(w, X, y)
    if not isinstance(got, torch.Tensor) or got.shape != full.shape:
        return None
    got = got.detach()

    def near(t):
        return torch.allclose(got, t, rtol=1e-4, atol=1e-5)

    if stale is not None and near(full + stale):
        return ("the gradient left from the previous step was added in: backward() adds to "
                "w.grad. Clear it first (w.grad = None, as optimizer.zero_grad() does), once, "
                "before the loop.")
    if k > 1 and near(k * full):
        return (f"you got exactly {k} times the full-batch gradient: scale each micro-batch "
                "mean by 1/k before backward, so that the k pieces add up to one mean.")
    if k > 1 and near(_full_batch_grad(w, X.chunk(k)[-1], y.chunk(k)[-1]) / k):
        return ("only the last micro-batch's share is left: w.grad was cleared inside the "
                "loop. Clear it once, before the loop, and let the k passes add up.")
    return None


def _problem(rng, n, d, device="cpu", dtype=torch.float32):
    w = randn(d, generator=rng, dtype=dtype, device=device).requires_grad_()
    X = randn(n, d, generator=rng, dtype=dtype, device=device)
    y = randn(n, generator=rng, dtype=dtype, device=device)
    return w, X, y


def test_small_example(exercise):
    """w = [1, -1], four rows, k = 2: w.grad is the full-batch gradient [-16, -20]"""
    accumulate_grads = require_function(exercise, "accumulate_grads")
    w = torch.tensor([1.0, -1.0], requires_grad=True)
    X = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]])
    y = torch.tensor([1.0, 1.0, 1.0, 1.0])
    got = accumulate_grads(w, X, y, 2)
    assert_close(got, torch.tensor([-16.0, -20.0]), hint=_diagnose(got, w, X, y, 2),
                 call=describe_call("accumulate_grads", w, X, y, 2))


@pytest.mark.parametrize("k", [1, 2, 3, 6])
def test_equals_full_batch_gradient(exercise, rng, device, k):
    """k micro-batches give the same gradient as one full batch of 6 rows"""
    accumulate_grads = require_function(exercise, "accumulate_grads")
    w, X, y = _problem(rng, 6, 3, device)
    got = accumulate_grads(w, X, y, k)
    assert_close(got, _full_batch_grad(w, X, y), call=describe_call("accumulate_grads", w, X, y, k),
                 atol=1e-5, rtol=1e-4, hint=_diagnose(got, w, X, y, k))


def test_gradient_left_in_w(exercise, rng):
    """leaves the accumulated gradient in w.grad (as an optimizer's step would read it)"""
    accumulate_grads = require_function(exercise, "accumulate_grads")
    w, X, y = _problem(rng, 4, 2)
    accumulate_grads(w, X, y, 2)
    call = describe_call("accumulate_grads", w, X, y, 2)
    assert w.grad is not None, (
        f"after {call}, w.grad is None.\nHint: the point is to let loss.backward() add each "
        "micro-batch's gradient into w.grad, where optimizer.step() would find it.")
    assert_close(w.grad, _full_batch_grad(w, X, y), call=f"after {call}, w.grad",
                 atol=1e-5, rtol=1e-4, hint=_diagnose(w.grad, w, X, y, 2))
    assert w.is_leaf and w.requires_grad, (
        f"after {call}, w is no longer a leaf that requires grad.")
    assert not w.grad.requires_grad and w.grad.grad_fn is None, (
        f"after {call}, w.grad is attached to a graph "
        f"(grad_fn={type(w.grad.grad_fn).__name__}): backward(create_graph=True) records a "
        "graph of the gradient itself, which keeps every micro-batch's tensors alive. A plain "
        "loss.backward() is all gradient accumulation needs.")


def test_inputs_unchanged(exercise, rng):
    """changes only w.grad: the values of w, X and y stay as they were"""
    accumulate_grads = require_function(exercise, "accumulate_grads")
    w, X, y = _problem(rng, 6, 3)
    before = {"w": w.detach().clone(), "X": X.clone(), "y": y.clone()}
    accumulate_grads(w, X, y, 3)
    call = describe_call("accumulate_grads", w, X, y, 3)
    for name, now in (("w", w.detach()), ("X", X), ("y", y)):
        assert torch.equal(now, before[name]), (
            f"after {call}, the values of {name} have changed.\nHint: the contract changes "
            "w.grad only; compute each micro-batch loss from new tensors (no -=, sub_, ...).")


def test_stale_gradient_is_cleared(exercise, rng):
    """clears a gradient left over from the previous step before accumulating"""
    accumulate_grads = require_function(exercise, "accumulate_grads")
    w, X, y = _problem(rng, 4, 3)
    w.grad = torch.full((3,), 7.0)
    got = accumulate_grads(w, X, y, 2)
    assert_close(got, _full_batch_grad(w, X, y), atol=1e-5, rtol=1e-4,
                 call=describe_call("accumulate_grads", w, X, y, 2) + " with w.grad = [7, 7, 7]",
                 hint=_diagnose(got, w, X, y, 2, stale=torch.full((3,), 7.0)))


def test_one_backward_per_micro_batch(exercise, rng):
    """calls backward once per micro-batch: k backward passes, never one on the whole batch"""
    accumulate_grads = require_function(exercise, "accumulate_grads")
    w, X, y = _problem(rng, 6, 2)
    with _count_backward_calls() as calls:
        got = accumulate_grads(w, X, y, 3)
    assert_close(got, _full_batch_grad(w, X, y), atol=1e-5, rtol=1e-4,
                 call=describe_call("accumulate_grads", w, X, y, 3),
                 hint=_diagnose(got, w, X, y, 3))
    assert len(calls) == 3, (
        f"{describe_call('accumulate_grads', w, X, y, 3)} ran {len(calls)} backward pass(es); "
        "expected 3, one per micro-batch.\nHint: split X and y into k pieces (X.chunk(k)), "
        "and call backward on each piece's scaled loss, without clearing w.grad in between.")


def test_float64(exercise, rng):
    """works in float64 and the gradient keeps w's dtype"""
    accumulate_grads = require_function(exercise, "accumulate_grads")
    w, X, y = _problem(rng, 8, 4, dtype=torch.float64)
    got = accumulate_grads(w, X, y, 4)
    assert_close(got, _full_batch_grad(w, X, y), atol=1e-10, rtol=1e-10,
                 call=describe_call("accumulate_grads", w, X, y, 4),
                 hint=_diagnose(got, w, X, y, 4))


@pytest.mark.gpu
def test_on_gpu(exercise, rng, gpu_device):
    """on a CUDA w, the gradient lands on the GPU and matches the CPU result"""
    accumulate_grads = require_function(exercise, "accumulate_grads")
    w, X, y = _problem(rng, 8, 3)
    expected = _full_batch_grad(w, X, y)
    w_gpu = w.detach().to(gpu_device).requires_grad_()
    got = accumulate_grads(w_gpu, X.to(gpu_device), y.to(gpu_device), 4)
    assert_close(got, expected.to(gpu_device), atol=1e-5, rtol=1e-4,
                 call=describe_call("accumulate_grads", w_gpu, X.to(gpu_device),
                                    y.to(gpu_device), 4))
    assert w_gpu.grad is not None and w_gpu.grad.device.type == "cuda", (
        "w.grad must be on the GPU, where w is.")
