"""Checks for lesson11/batch_norm."""

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe_call,
    forbidden,
    noncontiguous,
    randn,
    require_function,
)

FORBIDDEN = ("torch.nn.functional.batch_norm", "torch.batch_norm")
RULE = "Write the normalisation with mean, var and broadcasting."
NORMALISE_HINT = ("in training mode normalise with this batch's mean and BIASED variance "
                  "(correction=0), per channel: over dim 0 for (N, C), over dims (0, 2, 3) for "
                  "(N, C, H, W). Reshape the (C,) vectors to (1, C) / (1, C, 1, 1) so they line "
                  "up with the channel dimension.")
RUNNING_VAR_HINT = ("PyTorch keeps the UNBIASED batch variance (correction=1, divide by m - 1 "
                    "with m = N*H*W values per channel) in running_var, although it normalises "
                    "with the biased one: new = (1 - momentum) * old + momentum * batch_stat.")


def _stats(rng, c):
    gamma = randn(c, generator=rng) * 0.5 + 1
    beta = randn(c, generator=rng)
    running_mean = randn(c, generator=rng)
    running_var = torch.rand(c, generator=rng) + 0.5
    return gamma, beta, running_mean, running_var


def _call(exercise, X, gamma, beta, rm, rv, **kwargs):
    batch_norm = require_function(exercise, "batch_norm")
    call = describe_call("batch_norm", X, gamma, beta, rm, rv, **kwargs)
    with forbidden(*FORBIDDEN, rule=RULE):
        out = batch_norm(X, gamma, beta, rm.clone(), rv.clone(), **kwargs)
    if not (isinstance(out, tuple) and len(out) == 3):
        raise AssertionError(f"{call} returned {type(out).__name__}"
                             f"{'' if not isinstance(out, tuple) else f' of length {len(out)}'}"
                             "; expected a tuple (Y, new_running_mean, new_running_var).")
    return out, call


def _expected(X, gamma, beta, rm, rv, eps=1e-5, momentum=0.1, training=True):
    rm, rv = rm.clone(), rv.clone()     # F.batch_norm updates these in place
    Y = F.batch_norm(X, rm, rv, gamma, beta, training=training, momentum=momentum, eps=eps)
    return Y, rm, rv


def _compare(out, expected, call, y_hint=NORMALISE_HINT):
    for got, want, what, hint in zip(out, expected, ("Y", "new running_mean", "new running_var"),
                                     (y_hint, "new = (1 - momentum) * old + momentum * "
                                      "batch mean.", RUNNING_VAR_HINT), strict=True):
        assert_close(got, want, call=f"{call}, its {what},", atol=1e-4, rtol=1e-4, hint=hint)


def test_small_example(exercise):
    """X = [[1.], [3.]]: Y ≈ [[-1], [1]], running_mean 0.2, running_var 0.9 + 0.1 * 2 = 1.1"""
    X = torch.tensor([[1.0], [3.0]])
    (Y, rm, rv), call = _call(exercise, X, torch.ones(1), torch.zeros(1), torch.zeros(1),
                              torch.ones(1))
    assert_close(Y, torch.tensor([[-1.0], [1.0]]), call=call + ", its Y,", atol=1e-4,
                 hint="mean 2, biased variance ((1-2)² + (3-2)²) / 2 = 1, so Y = (X - 2) / 1.")
    assert_close(rm, torch.tensor([0.2]), call=call + ", its new running_mean,", atol=1e-6,
                 hint="0.9 * 0 + 0.1 * 2 = 0.2: momentum weighs the NEW batch statistic.")
    assert_close(rv, torch.tensor([1.1]), call=call + ", its new running_var,", atol=1e-6,
                 hint="the unbiased variance of [1, 3] is 2, so 0.9 * 1 + 0.1 * 2 = 1.1. "
                      + RUNNING_VAR_HINT)


def test_shapes_and_dtype(exercise, rng):
    """returns Y shaped like X and two (C,) running statistics, float32 like the input"""
    X = randn(4, 3, 2, 5, generator=rng)
    (Y, rm, rv), call = _call(exercise, X, *_stats(rng, 3))
    assert_tensor(Y, call=call + ", its Y,", shape=(4, 3, 2, 5), dtype=torch.float32)
    assert_tensor(rm, call=call + ", its new running_mean,", shape=(3,), dtype=torch.float32)
    assert_tensor(rv, call=call + ", its new running_var,", shape=(3,), dtype=torch.float32,
                  hint="one statistic per channel: reduce over every dim except dim 1.")


@pytest.mark.parametrize("shape", [(8, 5), (1, 1, 3, 4), (6, 2, 3, 1), (3, 4, 5, 5)])
def test_training_mode(exercise, rng, shape):
    """training mode matches F.batch_norm: output and running stats, for (N, C) and (N, C, H, W)"""
    X = randn(*shape, generator=rng) * 3 + 1
    args = (X, *_stats(rng, shape[1]))
    out, call = _call(exercise, *args)
    _compare(out, _expected(*args), call)


def test_running_var_is_unbiased(exercise, rng):
    """running_var is updated with the UNBIASED batch variance (normalising uses the biased one)"""
    X = randn(2, 3, generator=rng) * 2
    args = (X, torch.ones(3), torch.zeros(3), torch.zeros(3), torch.ones(3))
    (_, _, rv), call = _call(exercise, *args)
    assert_close(rv, _expected(*args)[2], call=call + ", its new running_var,", atol=1e-5,
                 rtol=1e-5, hint=RUNNING_VAR_HINT)


def test_eval_mode_uses_running_stats(exercise, rng):
    """training=False normalises with the running stats and returns them unchanged"""
    X = randn(5, 3, 4, 4, generator=rng)
    args = (X, *_stats(rng, 3))
    out, call = _call(exercise, *args, training=False)
    _compare(out, _expected(*args, training=False), call,
             y_hint="at evaluation time the batch statistics are NOT used: Y = gamma * "
                    "(X - running_mean) / sqrt(running_var + eps) + beta, and the running "
                    "stats come back unchanged.")


def test_matches_batchnorm2d_over_steps(exercise, rng):
    """three training steps, then eval, agree with nn.BatchNorm2d's output and buffers"""
    bn = nn.BatchNorm2d(4)
    gamma, beta, rm, rv = _stats(rng, 4)
    with torch.no_grad():
        bn.weight.copy_(gamma)
        bn.bias.copy_(beta)
    rm, rv = bn.running_mean.clone(), bn.running_var.clone()
    for step in range(4):
        training = step < 3
        bn.train(training)
        X = randn(3, 4, 3, 3, generator=rng) + step
        (Y, rm, rv), call = _call(exercise, X, gamma, beta, rm, rv, training=training)
        with torch.no_grad():
            expected = bn(X)
        label = f"{call} at step {step + 1} ({'train' if training else 'eval'})"
        assert_close(Y, expected, call=label + ", its Y,", atol=1e-4, rtol=1e-4,
                     hint=NORMALISE_HINT)
        assert_close(rm, bn.running_mean, call=label + ", its running_mean,", atol=1e-5,
                     rtol=1e-5)
        assert_close(rv, bn.running_var, call=label + ", its running_var,", atol=1e-5,
                     rtol=1e-5, hint=RUNNING_VAR_HINT)


def test_eps_and_momentum(exercise, rng):
    """eps and momentum are used: eps=1e-1, momentum=0.3 match F.batch_norm"""
    X = randn(6, 2, 2, 2, generator=rng) * 0.3
    args = (X, *_stats(rng, 2))
    out, call = _call(exercise, *args, eps=1e-1, momentum=0.3)
    _compare(out, _expected(*args, eps=1e-1, momentum=0.3), call)


def test_inputs_left_unchanged(exercise, rng):
    """X and the running stats passed in are not modified in place"""
    X = randn(4, 3, generator=rng)
    gamma, beta, rm, rv = _stats(rng, 3)
    kept = [t.clone() for t in (X, rm, rv)]
    batch_norm = require_function(exercise, "batch_norm")
    with forbidden(*FORBIDDEN, rule=RULE):
        batch_norm(X, gamma, beta, rm, rv)
    for now, before, name in zip((X, rm, rv), kept, ("X", "running_mean", "running_var"),
                                    strict=True):
        assert_close(now, before, call=f"after batch_norm(...), the caller's {name}",
                     atol=0, rtol=0,
                     hint="return NEW running statistics (new = (1 - momentum) * old + ...) "
                          "instead of changing the caller's tensors with mul_/add_/copy_.")


def test_noncontiguous_input(exercise, rng):
    """a non-contiguous X gives the same result"""
    X = randn(5, 3, 2, 4, generator=rng)
    args = (noncontiguous(X), *_stats(rng, 3))
    out, call = _call(exercise, *args)
    _compare(out, _expected(*args), call)


def test_rule_no_batch_norm_call(exercise, rng):
    """rule: no F.batch_norm / torch.batch_norm / nn.BatchNorm layers"""
    X = randn(4, 2, generator=rng)
    _call(exercise, X, *_stats(rng, 2))


@pytest.mark.gpu
def test_gpu(exercise, rng, gpu_device):
    """on CUDA inputs the results are on the GPU and match the CPU values"""
    X = randn(6, 3, 4, 4, generator=rng)
    stats = _stats(rng, 3)
    cpu, _ = _call(exercise, X, *stats)
    gpu, call = _call(exercise, X.to(gpu_device), *(t.to(gpu_device) for t in stats))
    for got, want, what in zip(gpu, cpu, ("Y", "new running_mean", "new running_var"),
                                 strict=True):
        assert_close(got, want.to(gpu_device), call=f"{call}, its {what},", atol=1e-4,
                     rtol=1e-4)


def test_default_eps_keeps_a_constant_channel_finite(exercise):
    """with the default eps (1e-5) a constant channel normalises to 0, not NaN"""
    X = torch.tensor([[2.0, 1.0], [2.0, 3.0]])      # channel 0 is constant: variance 0
    Y, _, _ = exercise.batch_norm(X, torch.ones(2), torch.zeros(2), torch.zeros(2),
                                  torch.ones(2))
    assert_close(Y[:, 0], torch.zeros(2), call="batch_norm(<constant channel>, ...)[0][:, 0]",
                 hint="keep the stub's default eps: float = 1e-5; it keeps sqrt(var + eps) "
                      "away from 0.")
