"""Checks for lesson09/cross_entropy."""

import pytest
import torch
import torch.nn.functional as F

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe_call,
    forbidden,
    inputs_unchanged,
    mistake,
    noncontiguous,
    randint,
    randn,
    require_function,
)

FORBIDDEN = (
    "torch.nn.functional.cross_entropy", "torch.nn.functional.nll_loss",
    "torch.softmax", "torch.Tensor.softmax", "torch.nn.functional.softmax",
    "torch.special.softmax", "torch.log_softmax", "torch.Tensor.log_softmax",
    "torch.nn.functional.log_softmax", "torch.special.log_softmax",
)
MEAN_HINT = ("the loss is the MEAN over the batch of logsumexp(row) - row[label]: "
             "a value N times too large means you summed instead of averaging.")


def _batch(rng, n, c, scale=1.0):
    return randn(n, c, generator=rng) * scale, randint(0, c, n, generator=rng)


def test_small_example(exercise):
    """logits = log([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]]), labels [0, 2] -> 1.4979"""
    cross_entropy = require_function(exercise, "cross_entropy")
    logits = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]]).log()
    labels = torch.tensor([0, 2])
    summed = mistake("sum not mean", lambda: F.cross_entropy(logits, labels, reduction="sum"),
                     "that is the SUM of the per-example losses; cross-entropy is their mean "
                     "(divide by N).")
    block = mistake("whole columns", lambda: (logits.logsumexp(1, keepdim=True)
                                              - logits[:, labels]).mean(),
                    "that is the mean over the whole (N, N) block logits[:, labels]: pair each "
                    "row with its own label (logits[torch.arange(N), labels] or gather).")
    assert_close(cross_entropy(logits, labels), F.cross_entropy(logits, labels),
                 call=describe_call("cross_entropy", logits, labels), atol=1e-5,
                 hint="(-log 0.1 - log 0.5) / 2 = (2.3026 + 0.6931) / 2 = 1.4979.",
                 mistakes=[summed, block])


def test_returns_a_scalar_tensor(exercise, rng):
    """returns a 0-d float tensor (one number for the whole batch)"""
    logits, labels = _batch(rng, 5, 4)
    got = exercise.cross_entropy(logits, labels)
    assert_tensor(got, call=describe_call("cross_entropy", logits, labels), shape=(),
                  dtype=torch.float32, hint="return the tensor from .mean(): shape (), not "
                  "(N,) per-example losses, and not a Python float from .item().")


@pytest.mark.parametrize("n, c", [(1, 1), (1, 5), (7, 1), (8, 3), (16, 10)])
def test_matches_torch(exercise, rng, n, c):
    """matches F.cross_entropy on random batches (including N=1 and C=1)"""
    logits, labels = _batch(rng, n, c, scale=3.0)
    assert_close(exercise.cross_entropy(logits, labels), F.cross_entropy(logits, labels),
                 call=describe_call("cross_entropy", logits, labels), atol=1e-5, rtol=1e-5,
                 hint=MEAN_HINT)


def test_large_logits(exercise, rng):
    """logits of magnitude 1e4 give the finite value F.cross_entropy gives"""
    logits, labels = _batch(rng, 6, 5, scale=1e4)
    assert_close(exercise.cross_entropy(logits, labels), F.cross_entropy(logits, labels),
                 call=describe_call("cross_entropy", logits, labels) + " with |logits| ~ 1e4",
                 atol=1e-3, rtol=1e-5,
                 hint="exp(1e4) is inf, and log(softmax) is log(0) = -inf for unlikely "
                      "classes. Use log-sum-exp: log Σ exp(z) = m + log Σ exp(z - m) with m "
                      "the row's maximum.")


def test_rows_far_apart(exercise, rng):
    """rows shifted by +1e4 and -1e4 are each handled with their own maximum"""
    logits, labels = _batch(rng, 4, 3)
    logits = logits + torch.tensor([[1e4], [-1e4], [0.0], [5e3]])
    assert_close(exercise.cross_entropy(logits, labels), F.cross_entropy(logits, labels),
                 call=describe_call("cross_entropy", logits, labels) + " with rows at ±1e4",
                 atol=1e-3, rtol=1e-5,
                 hint="subtract each row's own maximum (amax(dim=1, keepdim=True)); the "
                      "maximum of the whole batch makes exp() of the low rows 0, and log(0) "
                      "is -inf.")


def test_float64(exercise, rng):
    """float64 logits give a float64 loss"""
    logits, labels = _batch(rng, 4, 6)
    logits = logits.double()
    assert_close(exercise.cross_entropy(logits, labels), F.cross_entropy(logits, labels),
                 call=describe_call("cross_entropy", logits, labels), atol=1e-10)


def test_gradient(exercise, rng):
    """its gradient is (softmax(logits) - one_hot(labels)) / N"""
    logits, labels = _batch(rng, 5, 4)
    logits.requires_grad_(True)
    loss = exercise.cross_entropy(logits, labels)
    assert_tensor(loss, call=describe_call("cross_entropy", logits, labels), shape=())
    assert loss.requires_grad, (
        "cross_entropy(...) returned a loss that is cut off from the logits (requires_grad is "
        "False), so backward() cannot train anything. Keep every step a tensor operation on "
        "`logits`: no .item(), .detach(), .numpy() or torch.tensor(...) in between.")
    loss.backward()
    expected = (torch.softmax(logits.detach(), dim=1) - F.one_hot(labels, 4)) / 5
    assert_close(logits.grad, expected, call="the gradient of cross_entropy(...) w.r.t. logits",
                 atol=1e-6, hint=MEAN_HINT)


def test_noncontiguous(exercise, rng):
    """works on non-contiguous logits"""
    logits, labels = _batch(rng, 6, 4)
    logits = noncontiguous(logits)
    assert_close(exercise.cross_entropy(logits, labels), F.cross_entropy(logits, labels),
                 call=describe_call("cross_entropy", logits, labels) + " (non-contiguous)",
                 atol=1e-5)


@pytest.mark.gpu
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on CUDA inputs: the loss stays on the GPU and matches the CPU value"""
    logits, labels = _batch(rng, 32, 10, scale=100.0)
    got = exercise.cross_entropy(logits.to(gpu_device), labels.to(gpu_device))
    assert_close(got, F.cross_entropy(logits, labels).to(gpu_device),
                 call=describe_call("cross_entropy", logits.to(gpu_device),
                                    labels.to(gpu_device)), atol=1e-4, rtol=1e-5)


def test_rule_no_library_loss(exercise, rng):
    """rule: no F.cross_entropy, F.nll_loss, softmax or log_softmax"""
    logits, labels = _batch(rng, 5, 3)
    expected = F.cross_entropy(logits, labels)
    with forbidden(*FORBIDDEN, rule="Build it from max, exp, sum, log and indexing."):
        got = exercise.cross_entropy(logits, labels)
    assert_close(got, expected, call=describe_call("cross_entropy", logits, labels), atol=1e-5)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    cross_entropy = require_function(exercise, "cross_entropy")
    for args in [(torch.randn(5, 4, generator=rng), torch.randint(0, 4, (5,), generator=rng))]:
        with inputs_unchanged(describe_call("cross_entropy", *args), **dict(zip(("logits", "labels"), args))):
            cross_entropy(*args)
