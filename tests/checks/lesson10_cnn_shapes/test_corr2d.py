"""Checks for lesson10/corr2d."""

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
    randn,
    require_function,
)

FORBIDDEN = ("torch.nn.functional.conv2d", "torch.conv2d", "torch.nn.Conv2d",
             "torch.nn.functional.unfold", "torch.Tensor.unfold")
RULE = "Slide the kernel yourself: slicing and a loop over the kernel positions are fine."


def _expected(X, K):
    """PyTorch's own cross-correlation: conv2d on a batch of one single-channel image."""
    return F.conv2d(X[None, None], K[None, None])[0, 0]


def _flipped(X, K):
    """The flipped-kernel (true convolution) result, named when the learner's values match it."""
    return mistake("flipped kernel", lambda: _expected(X, K.flip(0, 1)),
                   "these are the values for the kernel flipped upside down and left to "
                   "right (true convolution). Deep learning 'convolution' is "
                   "cross-correlation: Y[i, j] = sum of X[i + a, j + b] * K[a, b], no flip.")


def _check(corr2d, X, K, **kw):
    got = corr2d(X, K)
    call = describe_call("corr2d", X, K)
    assert_close(got, _expected(X, K), call=call, mistakes=[_flipped(X, K)], **kw)


def test_small_example(exercise):
    """the worked example: X = 0..8 as 3x3, K = [[0, 1], [2, 3]] gives [[19, 25], [37, 43]]"""
    corr2d = require_function(exercise, "corr2d")
    X = torch.arange(9.0).reshape(3, 3)
    K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
    got = corr2d(X, K)
    assert_close(got, torch.tensor([[19.0, 25.0], [37.0, 43.0]]),
                 call=describe_call("corr2d", X, K), mistakes=[_flipped(X, K)])


def test_output_shape(exercise):
    """an (H, W) input and a (kh, kw) kernel give (H - kh + 1, W - kw + 1)"""
    X, K = torch.ones(6, 9), torch.ones(2, 4)
    assert_tensor(exercise.corr2d(X, K), call=describe_call("corr2d", X, K), shape=(5, 6),
                  hint="the window fits H - kh + 1 times down and W - kw + 1 times across.")


def test_edge_detector(exercise):
    """K = [[1, -1]] finds the vertical edges of a black stripe"""
    X = torch.ones(6, 8)
    X[:, 2:6] = 0
    K = torch.tensor([[1.0, -1.0]])
    expected_row = torch.tensor([0.0, 1.0, 0.0, 0.0, 0.0, -1.0, 0.0])
    got = exercise.corr2d(X, K)
    assert_close(got, expected_row.expand(6, 7), call=describe_call("corr2d", X, K),
                 mistakes=[_flipped(X, K)])


def test_no_kernel_flip(exercise, rng):
    """cross-correlation does not flip the kernel (an asymmetric kernel tells them apart)"""
    X = randn(5, 6, generator=rng)
    K = torch.tensor([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0]])
    _check(exercise.corr2d, X, K)


@pytest.mark.parametrize("x_shape, k_shape", [((7, 9), (3, 3)), ((4, 4), (4, 4)),
                                               ((5, 3), (1, 1)), ((1, 6), (1, 2)),
                                               ((8, 2), (3, 2)), ((10, 12), (2, 5))])
def test_random_inputs(exercise, rng, x_shape, k_shape):
    """matches F.conv2d on random inputs, including 1x1 kernels and a kernel as big as X"""
    _check(exercise.corr2d, randn(*x_shape, generator=rng), randn(*k_shape, generator=rng))


def test_noncontiguous_input(exercise, rng):
    """works on a non-contiguous X (a strided view)"""
    X = noncontiguous(randn(6, 7, generator=rng))
    _check(exercise.corr2d, X, randn(2, 3, generator=rng))


def test_keeps_dtype(exercise, rng):
    """float64 inputs give a float64 result"""
    X = randn(5, 5, generator=rng, dtype=torch.float64)
    K = randn(2, 2, generator=rng, dtype=torch.float64)
    got = exercise.corr2d(X, K)
    assert_tensor(got, call=describe_call("corr2d", X, K), dtype=torch.float64,
                  hint="torch.zeros(...) is float32 by default; X.new_zeros(...) or "
                       "torch.zeros(..., dtype=X.dtype) keeps the input's dtype.")


def test_differentiable_in_the_kernel(exercise, rng):
    """the result is differentiable with respect to K (so the kernel can be learned)"""
    X = randn(5, 6, generator=rng)
    K = randn(2, 3, generator=rng).requires_grad_()
    call = describe_call("corr2d", X, K)
    got = exercise.corr2d(X, K)
    if not (isinstance(got, torch.Tensor) and got.requires_grad):
        raise AssertionError(
            f"{call} with K.requires_grad=True returned a tensor that does not require grad: "
            "autograd cannot learn the kernel from it.\nHint: .item(), .tolist(), torch.tensor("
            "...) of results, or .detach() cut the graph; keep everything as tensor operations.")
    got.sum().backward()
    K_ref = K.detach().clone().requires_grad_()
    _expected(X, K_ref).sum().backward()
    assert_close(K.grad, K_ref.grad, call=f"the gradient of {call}.sum() with respect to K")


def test_tensors_made_on_X_device(exercise, rng):
    """every tensor it creates is on X's device (checked with 'meta' as the default device)"""
    X, K = randn(6, 7, generator=rng), randn(2, 3, generator=rng)
    call = describe_call("corr2d", X, K) + " with torch.device('meta') active"
    hint = ("make new tensors from X (X.new_zeros, torch.zeros_like, device=X.device): "
            "torch.zeros(...) without device= lands on the default device, which is the CPU "
            "on your machine but not on a GPU run.")
    try:
        with torch.device("meta"):   # a tensor made without device= lands on meta
            got = exercise.corr2d(X, K)
    except NotImplementedError as error:   # a RuntimeError too
        if "meta" not in str(error).lower():
            raise  # the untouched stub: "not started"
        raise AssertionError(f"{call} raised NotImplementedError: {error}\nHint: {hint}") \
            from None
    except RuntimeError as error:
        raise AssertionError(f"{call} raised RuntimeError: {str(error).splitlines()[0]}"
                             f"\nHint: {hint}") from None
    assert_tensor(got, call=call, shape=tuple(_expected(X, K).shape), device="cpu", hint=hint)
    _check(exercise.corr2d, X, K)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves X and K as they were (no in-place flip, no writing into X's slices)"""
    X, K = randn(6, 7, generator=rng), randn(2, 3, generator=rng)
    with inputs_unchanged(describe_call("corr2d", X, K), X=X, K=K):
        _check(exercise.corr2d, X, K)


def test_rule_no_conv2d_or_unfold(exercise, rng):
    """rule: no F.conv2d, nn.Conv2d or unfold"""
    X, K = randn(5, 5, generator=rng), randn(2, 2, generator=rng)
    with forbidden(*FORBIDDEN, rule=RULE):
        got = exercise.corr2d(X, K)
    assert_close(got, _expected(X, K), call=describe_call("corr2d", X, K))


@pytest.mark.gpu
def test_on_gpu_matches_cpu(exercise, rng, gpu_device):
    """on CUDA tensors the result stays on the GPU and matches the CPU result"""
    X, K = randn(9, 11, generator=rng), randn(3, 4, generator=rng)
    got = exercise.corr2d(X.to(gpu_device), K.to(gpu_device))
    assert_close(got, _expected(X, K).to(gpu_device), atol=1e-4, rtol=1e-4,
                 call=describe_call("corr2d", X.to(gpu_device), K.to(gpu_device)))
