"""Checks for lesson10/corr2d_multi_in_out."""

import pytest
import torch
import torch.nn.functional as F

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe_call,
    forbidden,
    inputs_unchanged,
    noncontiguous,
    randn,
    require_function,
)

FORBIDDEN = ("torch.nn.functional.conv2d", "torch.conv2d", "torch.nn.Conv2d",
             "torch.nn.functional.unfold", "torch.Tensor.unfold")
RULE = ("Build it from slicing, products and sums (loops over kernel positions or channels "
        "are fine).")

X_EXAMPLE = torch.tensor([[[0.0, 1, 2], [3, 4, 5], [6, 7, 8]],
                          [[1.0, 2, 3], [4, 5, 6], [7, 8, 9]]])
K_EXAMPLE = torch.tensor([[[0.0, 1], [2, 3]], [[1.0, 2], [3, 4]]])


def _expected(X, K):
    """PyTorch's own: conv2d on a batch of one image, K as the (C_out, C_in, kh, kw) weight."""
    return F.conv2d(X[None], K)[0]


def _hint(got, X, K):
    """Name the likely slip when the shape or values fit a known mistake."""
    if not isinstance(got, torch.Tensor):
        return None
    c_out, c_in = K.shape[:2]
    expected_shape = _expected(X, K).shape
    if got.dim() == 4 and tuple(got.shape[:2]) == (c_out, c_in):
        return ("one map per (output, input) channel pair: sum over the input channels so each "
                "output channel is one map.")
    if got.shape == expected_shape and torch.allclose(
            got.detach().to(X.device, X.dtype) * c_in, _expected(X, K), atol=1e-4):
        return "the input channels are averaged; a convolution adds them up."
    return None


def _check(fn, X, K, **kw):
    got = fn(X, K)
    assert_close(got, _expected(X, K), call=describe_call("corr2d_multi_in_out", X, K),
                 hint=_hint(got, X, K), **kw)


def test_small_example(exercise):
    """two input channels, one output channel: the worked example gives [[56, 72], [104, 120]]"""
    fn = require_function(exercise, "corr2d_multi_in_out")
    K = K_EXAMPLE[None]                                        # (1, 2, 2, 2)
    got = fn(X_EXAMPLE, K)
    assert_close(got, torch.tensor([[[56.0, 72.0], [104.0, 120.0]]]),
                 call=describe_call("corr2d_multi_in_out", X_EXAMPLE, K),
                 hint=_hint(got, X_EXAMPLE, K))


def test_three_output_channels(exercise):
    """stacking the kernels K, K + 1, K + 2 gives three output maps, one per kernel"""
    K = torch.stack((K_EXAMPLE, K_EXAMPLE + 1, K_EXAMPLE + 2))  # (3, 2, 2, 2)
    _check(exercise.corr2d_multi_in_out, X_EXAMPLE, K)


def test_output_shape(exercise):
    """X (C_in, H, W) and K (C_out, C_in, kh, kw) give (C_out, H - kh + 1, W - kw + 1)"""
    X, K = torch.ones(3, 7, 6), torch.ones(5, 3, 2, 4)
    got = exercise.corr2d_multi_in_out(X, K)
    assert_tensor(got, call=describe_call("corr2d_multi_in_out", X, K), shape=(5, 6, 3),
                  hint=_hint(got, X, K) or "the output has C_out = K.shape[0] channels first.")


@pytest.mark.parametrize("c_in, c_out, hw, khw", [(1, 1, (5, 5), (3, 3)), (3, 2, (6, 7), (2, 3)),
                                                  (2, 4, (4, 9), (4, 1)), (4, 1, (3, 3), (3, 3)),
                                                  (5, 3, (8, 6), (1, 1))])
def test_random_inputs(exercise, rng, c_in, c_out, hw, khw):
    """matches F.conv2d on random inputs (C_in != C_out, 1x1 kernels, single channels)"""
    X = randn(c_in, *hw, generator=rng)
    K = randn(c_out, c_in, *khw, generator=rng)
    _check(exercise.corr2d_multi_in_out, X, K, atol=1e-5, rtol=1e-5)


def test_noncontiguous_input(exercise, rng):
    """works on a non-contiguous X (a strided view)"""
    X = noncontiguous(randn(2, 5, 6, generator=rng))
    _check(exercise.corr2d_multi_in_out, X, randn(3, 2, 2, 2, generator=rng), atol=1e-5,
           rtol=1e-5)


def test_keeps_dtype(exercise, rng):
    """float64 inputs give a float64 result"""
    X = randn(2, 4, 4, generator=rng, dtype=torch.float64)
    K = randn(3, 2, 2, 2, generator=rng, dtype=torch.float64)
    assert_tensor(exercise.corr2d_multi_in_out(X, K),
                  call=describe_call("corr2d_multi_in_out", X, K), dtype=torch.float64,
                  hint="create the result with X.new_zeros(...) or dtype=X.dtype; torch.zeros "
                       "alone is float32.")


def test_tensors_made_on_X_device(exercise, rng):
    """every tensor it creates is on X's device (checked with 'meta' as the default device)"""
    X, K = randn(2, 5, 6, generator=rng), randn(3, 2, 2, 3, generator=rng)
    call = describe_call("corr2d_multi_in_out", X, K) + " with torch.device('meta') active"
    hint = ("make new tensors from X (X.new_zeros, torch.zeros_like, device=X.device): "
            "torch.zeros(...) without device= lands on the default device, which is the CPU "
            "on your machine but not on a GPU run.")
    try:
        with torch.device("meta"):   # a tensor made without device= lands on meta
            got = exercise.corr2d_multi_in_out(X, K)
    except NotImplementedError as error:   # a RuntimeError too
        if "meta" not in str(error).lower():
            raise  # the untouched stub: "not started"
        raise AssertionError(f"{call} raised NotImplementedError: {error}\nHint: {hint}") \
            from None
    except RuntimeError as error:
        raise AssertionError(f"{call} raised RuntimeError: {str(error).splitlines()[0]}"
                             f"\nHint: {hint}") from None
    assert_tensor(got, call=call, shape=tuple(_expected(X, K).shape), device="cpu", hint=hint)
    _check(exercise.corr2d_multi_in_out, X, K, atol=1e-5, rtol=1e-5)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves X and K as they were (no in-place flip, no writing into X's slices)"""
    X, K = randn(2, 5, 6, generator=rng), randn(3, 2, 2, 3, generator=rng)
    with inputs_unchanged(describe_call("corr2d_multi_in_out", X, K), X=X, K=K):
        _check(exercise.corr2d_multi_in_out, X, K, atol=1e-5, rtol=1e-5)


def test_rule_no_conv2d_or_unfold(exercise, rng):
    """rule: no F.conv2d, nn.Conv2d or unfold"""
    X, K = randn(3, 5, 5, generator=rng), randn(2, 3, 2, 2, generator=rng)
    with forbidden(*FORBIDDEN, rule=RULE):
        got = exercise.corr2d_multi_in_out(X, K)
    assert_close(got, _expected(X, K), call=describe_call("corr2d_multi_in_out", X, K),
                 atol=1e-5, rtol=1e-5)


@pytest.mark.gpu
def test_on_gpu_matches_cpu(exercise, rng, gpu_device):
    """on CUDA tensors the result stays on the GPU and matches the CPU result"""
    X, K = randn(3, 9, 11, generator=rng), randn(4, 3, 3, 2, generator=rng)
    got = exercise.corr2d_multi_in_out(X.to(gpu_device), K.to(gpu_device))
    assert_close(got, _expected(X, K).to(gpu_device), atol=1e-4, rtol=1e-4,
                 call=describe_call("corr2d_multi_in_out", X.to(gpu_device), K.to(gpu_device)))
