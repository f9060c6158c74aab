"""Checks for lesson03/nhwc_to_nchw."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe_call,
    inputs_unchanged,
    noncontiguous,
    randint,
    randn,
    require_function,
)

SCRAMBLED = ("the shape is right but the values are not where they belong: out[n, c, h, w] "
             "must be x[n, h, w, c]. reshape and view keep the elements in memory order and "
             "never move an axis, and transpose(1, 3) also swaps H with W. Use permute.")


def _expected(x):
    return torch.einsum("nhwc->nchw", x)


def _check(got, expected, call):
    """Shape, dtype, device first (with their own hints), then values with the "scrambled" one."""
    assert_tensor(got, call=call, shape=tuple(expected.shape), dtype=expected.dtype,
                  device=expected.device)
    assert_close(got, expected, call=call, atol=0.0, rtol=0.0, hint=SCRAMBLED)


def test_small_example(exercise):
    """channel 0 of arange(12).reshape(1, 2, 2, 3) is [[0, 3], [6, 9]]"""
    nhwc_to_nchw = require_function(exercise, "nhwc_to_nchw")
    x = torch.arange(12).reshape(1, 2, 2, 3)
    got = nhwc_to_nchw(x)
    expected = torch.tensor([[[[0, 3], [6, 9]], [[1, 4], [7, 10]], [[2, 5], [8, 11]]]])
    _check(got, expected, describe_call("nhwc_to_nchw", x))


def test_shape(exercise, rng):
    """(N, H, W, C) becomes (N, C, H, W) with all four sizes different"""
    x = randn(2, 5, 7, 3, generator=rng)
    got = exercise.nhwc_to_nchw(x)
    assert_tensor(got, call=describe_call("nhwc_to_nchw", x), shape=(2, 3, 5, 7))


@pytest.mark.parametrize("shape", [(3, 4, 6, 2), (1, 5, 5, 3), (4, 2, 3, 1), (2, 1, 7, 5)])
def test_values(exercise, rng, shape):
    """out[n, c, h, w] == x[n, h, w, c], including size-1 dims (one image, greyscale)"""
    x = randn(*shape, generator=rng)
    got = exercise.nhwc_to_nchw(x)
    _check(got, _expected(x), describe_call("nhwc_to_nchw", x))


def test_uint8_pixels(exercise, rng):
    """uint8 pixels stay uint8 (no conversion to float)"""
    x = randint(0, 256, 2, 4, 3, 3, generator=rng).to(torch.uint8)
    got = exercise.nhwc_to_nchw(x)
    _check(got, _expected(x), describe_call("nhwc_to_nchw", x))


def test_noncontiguous_input(exercise, rng):
    """works on a non-contiguous batch (a strided view of a bigger tensor)"""
    x = noncontiguous(randn(2, 3, 4, 5, generator=rng))
    got = exercise.nhwc_to_nchw(x)
    _check(got, _expected(x), describe_call("nhwc_to_nchw", x))


@pytest.mark.gpu
def test_on_gpu(exercise, rng, gpu_device):
    """on a CUDA batch: the result stays on the GPU and matches the CPU answer"""
    x_cpu = randn(4, 16, 12, 3, generator=rng)
    x = x_cpu.to(gpu_device)
    got = exercise.nhwc_to_nchw(x)
    _check(got, _expected(x_cpu).to(gpu_device), describe_call("nhwc_to_nchw", x))


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    nhwc_to_nchw = require_function(exercise, "nhwc_to_nchw")
    for args in [(torch.randn(2, 4, 5, 3, generator=rng),)]:
        with inputs_unchanged(describe_call("nhwc_to_nchw", *args), **dict(zip(("x",), args))):
            nhwc_to_nchw(*args)
