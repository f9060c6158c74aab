"""Checks for lesson04/normalize_channels."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_no_loops,
    describe_call,
    inputs_unchanged,
    on_failure,
    randn,
    require_function,
    shapes,
)

LINE_UP_HINT = ("mean and std must line up with dim 1 of x (C). Broadcasting aligns shapes at "
                "the right, so a (C,) tensor lines up with W and a (C, 1) tensor with H. "
                "Give them the shape (C, 1, 1), e.g. mean[:, None, None].")


def _spec(x: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:
    """A channel-by-channel spec: out[:, c] = (x[:, c] - mean[c]) / std[c]."""
    out = torch.empty_like(x, memory_format=torch.contiguous_format)
    for c in range(x.shape[1]):
        out[:, c] = (x[:, c] - mean[c]) / std[c]
    return out


def _inputs(rng, shape, device="cpu", dtype=torch.float32):
    x = randn(*shape, generator=rng, dtype=dtype, device=device) * 2 + 1
    mean = randn(shape[1], generator=rng, dtype=dtype, device=device)
    std = randn(shape[1], generator=rng, dtype=dtype, device=device).abs() + 0.5
    return x, mean, std


def _hint(got, x, mean, std):
    if not isinstance(got, torch.Tensor):
        return None
    if tuple(got.shape) != tuple(x.shape):
        return LINE_UP_HINT if got.dim() == 4 else None
    c, w = x.shape[1], x.shape[3]
    if c == w and c > 1 and torch.allclose(got.detach().cpu(), ((x - mean) / std).cpu(),
                                           atol=1e-5):
        return "here C == W, so a (C,) mean was applied along W without an error. " + LINE_UP_HINT
    return None


def _check(fn, x, mean, std, expected=None, atol=1e-5, rtol=1e-5):
    expected = _spec(x, mean, std) if expected is None else expected
    call = describe_call("normalize_channels", x, mean, std)
    with on_failure(trace=shapes(fn, x, mean, std)):  # shapes only: values have the diff
        try:
            got = fn(x, mean, std)
        except RuntimeError as error:
            if "must match the size" not in str(error):
                raise
            raise AssertionError(f"{call} raised RuntimeError: {error}\nHint: {LINE_UP_HINT}") \
                from None
    assert_close(got, expected, call=call, atol=atol, rtol=rtol,
                 hint=_hint(got, x, mean, std), trace=shapes(fn, x, mean, std))


def test_small_example(exercise):
    """one image, 2 channels, means [1, 10], stds [1, 10]: both channels become [0, 1]"""
    normalize_channels = require_function(exercise, "normalize_channels")
    x = torch.tensor([[[[1.0, 2.0]], [[10.0, 20.0]]]])   # (1, 2, 1, 2)
    mean, std = torch.tensor([1.0, 10.0]), torch.tensor([1.0, 10.0])
    expected = torch.tensor([[[[0.0, 1.0]], [[0.0, 1.0]]]])
    _check(normalize_channels, x, mean, std, expected=expected)


@pytest.mark.parametrize("shape", [(2, 3, 4, 5), (4, 2, 3, 6), (1, 5, 2, 2)])
def test_random_batches(exercise, rng, device, shape):
    """(x - mean[c]) / std[c] per channel on random (N, C, H, W) batches, on x's device"""
    x, mean, std = _inputs(rng, shape, device)
    _check(exercise.normalize_channels, x, mean, std)


def test_channels_equal_width(exercise, rng, device):
    """C == W (3 channels, 3 columns): the channels are still the ones normalised"""
    x, mean, std = _inputs(rng, (2, 3, 4, 3), device)
    _check(exercise.normalize_channels, x, mean, std)


@pytest.mark.parametrize("shape", [(1, 1, 1, 1), (1, 3, 1, 1), (2, 1, 3, 3), (3, 2, 1, 4)])
def test_size_one_dims(exercise, rng, device, shape):
    """sizes of 1 (one image, one channel, 1-pixel rows or columns) work"""
    x, mean, std = _inputs(rng, shape, device)
    _check(exercise.normalize_channels, x, mean, std)


def test_channels_last_and_float64(exercise, rng, device):
    """channels-last (non-contiguous) input works, and float64 stays float64"""
    x, mean, std = _inputs(rng, (2, 3, 4, 5), device)
    _check(exercise.normalize_channels, x.to(memory_format=torch.channels_last), mean, std)
    x, mean, std = _inputs(rng, (2, 4, 3, 2), device, dtype=torch.float64)
    _check(exercise.normalize_channels, x, mean, std, atol=1e-12, rtol=1e-12)


def test_rule_no_loops(exercise, rng):
    """rule: no Python loops or comprehensions"""
    x, mean, std = _inputs(rng, (2, 3, 2, 4))
    _check(exercise.normalize_channels, x, mean, std)
    assert_no_loops(exercise)


@pytest.mark.gpu
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on a CUDA GPU: the result stays on the GPU and matches the CPU result"""
    x, mean, std = _inputs(rng, (8, 3, 16, 16))
    expected = _spec(x, mean, std).to(gpu_device)
    _check(exercise.normalize_channels, x.to(gpu_device), mean.to(gpu_device),
           std.to(gpu_device), expected=expected)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    normalize_channels = require_function(exercise, "normalize_channels")
    for args in [(torch.randn(2, 3, 4, 4, generator=rng), torch.randn(3, generator=rng), torch.rand(3, generator=rng) + 0.5)]:
        with inputs_unchanged(describe_call("normalize_channels", *args), **dict(zip(("x", "mean", "std"), args))):
            normalize_channels(*args)
