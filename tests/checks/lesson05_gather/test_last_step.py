"""Checks for lesson05/last_step."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_no_loops,
    describe_call,
    inputs_unchanged,
    mistake,
    randint,
    randn,
    require_function,
)


def _spec(x, lengths):
    # The definition, one sequence at a time.
    rows = [x[int(length) - 1, b] for b, length in enumerate(lengths.tolist())]
    return torch.stack(rows) if rows else x.new_zeros(0, x.shape[2])


def _values_hint(got, expected, text):
    # Only worth saying when the shape is right and the values are not.
    same_shape = isinstance(got, torch.Tensor) and got.shape == expected.shape
    return text if same_shape else None


def _unexpanded_hint(got, b, h):
    # A (1, B, 1) index gathers one feature: gather never broadcasts its index.
    if isinstance(got, torch.Tensor) and h > 1 and tuple(got.shape) == (b, 1):
        return ("gather never broadcasts: an index of shape (1, B, 1) silently gives (B, 1). "
                "Expand it to (1, B, H) first (or use torch.take_along_dim, which broadcasts).")
    return None


def _inputs(rng, t, b, h, device):
    x = randn(t, b, h, generator=rng, device=device)
    lengths = randint(1, t + 1, b, generator=rng, device=device)
    return x, lengths


def test_small_example(exercise):
    """x[t, b] = 2t + b with lengths [3, 1] gives [[4.], [1.]] (x[2, 0] and x[0, 1])"""
    last_step = require_function(exercise, "last_step")
    x = torch.arange(6.0).view(3, 2, 1)
    lengths = torch.tensor([3, 1])
    got = last_step(x, lengths)
    padded = mistake("last padded step", lambda: x[-1],
                     "that is x[-1], the last PADDED step of every sequence: read step "
                     "lengths[b] - 1 of sequence b instead.")
    assert_close(got, torch.tensor([[4.0], [1.0]]), call=describe_call("last_step", x, lengths),
                 mistakes=[padded])


@pytest.mark.parametrize("t, b, h", [(1, 1, 1), (4, 1, 3), (5, 6, 1), (7, 5, 4), (3, 8, 8)])
def test_random_sequences(exercise, rng, device, t, b, h):
    """shape (B, H) with out[b] = x[lengths[b] - 1, b] on random inputs, on x's device"""
    x, lengths = _inputs(rng, t, b, h, device)
    got = exercise.last_step(x, lengths)
    assert_close(got, _spec(x, lengths), call=describe_call("last_step", x, lengths),
                 hint=_unexpanded_hint(got, b, h))


def test_full_and_length_one(exercise, rng, device):
    """all lengths T give x[-1]; all lengths 1 give x[0]"""
    x, _ = _inputs(rng, 4, 3, 2, device)
    full = torch.full((3,), 4, device=device)
    got = exercise.last_step(x, full)
    assert_close(got, x[-1], call=describe_call("last_step", x, full),
                 hint=_values_hint(got, x[-1], "a sequence of length L ends at time step L - 1 "
                                               "(indices start at 0)."))
    ones = torch.ones(3, dtype=torch.int64, device=device)
    assert_close(exercise.last_step(x, ones), x[0], call=describe_call("last_step", x, ones))


@pytest.mark.parametrize("dtype", [torch.float64, torch.int32])
def test_keeps_dtype(exercise, rng, device, dtype):
    """the result has x's dtype (float64 and int32 stay what they are)"""
    x, lengths = _inputs(rng, 4, 3, 2, device)
    x = (x * 10).to(dtype)
    got = exercise.last_step(x, lengths)
    assert_close(got, _spec(x, lengths), call=describe_call("last_step", x, lengths))


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves x and lengths as they were (lengths - 1, not lengths -= 1)"""
    x, lengths = _inputs(rng, 5, 4, 3, "cpu")
    call = describe_call("last_step", x, lengths)
    with inputs_unchanged(call, x=x, lengths=lengths):
        got = exercise.last_step(x, lengths)
    assert_close(got, _spec(x, lengths), call=call)


def test_noncontiguous_input(exercise, rng, device):
    """works on a time-major view of a batch-first tensor (non-contiguous)"""
    batch_first = randn(3, 5, 2, generator=rng, device=device)   # (B, T, H)
    x = batch_first.transpose(0, 1)                               # (T, B, H), a view
    lengths = randint(1, 6, 3, generator=rng, device=device)
    got = exercise.last_step(x, lengths)
    assert_close(got, _spec(x, lengths), call=describe_call("last_step", x, lengths))


def test_empty_batch(exercise, device):
    """an empty batch (B = 0) gives an empty (0, H) tensor"""
    x = torch.zeros(3, 0, 4, device=device)
    lengths = torch.zeros(0, dtype=torch.int64, device=device)
    got = exercise.last_step(x, lengths)
    assert_close(got, torch.zeros(0, 4, device=device), call=describe_call("last_step", x, lengths))


def test_rule_no_loops(exercise, rng):
    """rule: no Python loops or comprehensions"""
    x, lengths = _inputs(rng, 4, 3, 2, "cpu")
    got = exercise.last_step(x, lengths)
    assert_close(got, _spec(x, lengths), call=describe_call("last_step", x, lengths))
    assert_no_loops(exercise)


@pytest.mark.gpu
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on a CUDA GPU: the result stays on the GPU and matches the CPU result"""
    x, lengths = _inputs(rng, 10, 16, 8, "cpu")
    got = exercise.last_step(x.to(gpu_device), lengths.to(gpu_device))
    assert_close(got, _spec(x, lengths).to(gpu_device),
                 call=describe_call("last_step", x.to(gpu_device), lengths.to(gpu_device)))
