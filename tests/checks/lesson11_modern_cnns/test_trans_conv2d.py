"""Checks for lesson11/trans_conv2d."""

import pytest
import torch
import torch.nn.functional as F

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe_call,
    forbidden,
    mistake,
    noncontiguous,
    randn,
    random_shape,
    repeats,
    require_function,
)

FORBIDDEN = ("torch.nn.functional.conv_transpose2d", "torch.conv_transpose2d",
             "torch.nn.ConvTranspose2d", "torch.nn.functional.conv2d", "torch.conv2d",
             "torch.nn.Conv2d", "torch.convolution", "torch._convolution",
             "torch.nn.functional.fold", "torch.nn.functional.unfold", "torch.Tensor.unfold")
RULE = "Scatter X[i, j] * K by hand: loops over the entries of X or of K are fine."


def _expected(X, K, stride, padding):
    return F.conv_transpose2d(X[None, None], K[None, None], stride=stride, padding=padding)[0, 0]


def _call(exercise, X, K, stride, padding):
    with forbidden(*FORBIDDEN, rule=RULE):
        return exercise.trans_conv2d(X, K, stride=stride, padding=padding)


def _hint(got, X, K, stride, padding):
    # Name a cause only when the numbers show it.
    if not isinstance(got, torch.Tensor):
        return None
    expected = _expected(X, K, stride, padding)
    if got.shape != expected.shape:
        return ("per dim the full result has (n - 1) * stride + k entries; padding then cuts "
                "`padding` from BOTH sides.")
    return None


def _check(exercise, X, K, stride=1, padding=0, atol=1e-5):
    before = (X.detach().clone(), K.detach().clone())
    flags = (X.requires_grad, K.requires_grad)
    call = describe_call("trans_conv2d", X, K, stride=stride, padding=padding)
    expected = _expected(*before, stride, padding)
    got = _call(exercise, X, K, stride, padding)
    right = isinstance(got, torch.Tensor) and got.shape == expected.shape and \
        torch.allclose(got.detach().to(expected), expected, atol=atol, rtol=1e-5)
    hint = None if right else _hint(got, *before, stride, padding)
    assert_tensor(got, call=call, shape=tuple(expected.shape), dtype=X.dtype, device=X.device,
                  hint=hint)
    flipped = mistake("flipped kernel", lambda: _expected(before[0], before[1].flip(0, 1),
                                                          stride, padding),
                      "these are the values for the flipped kernel: add X[i, j] * K itself, "
                      "unflipped.")
    assert_close(got.detach(), expected, call=call, atol=atol, rtol=1e-5, hint=hint,
                 mistakes=[flipped])
    assert torch.equal(X.detach(), before[0]) and torch.equal(K.detach(), before[1]) and \
        flags == (X.requires_grad, K.requires_grad), (
        f"{call} changed X or K (values or requires_grad); the contract leaves its inputs unchanged.")


@pytest.mark.task(1)
def test_small_example(exercise):
    """X = K = [[0, 1], [2, 3]] gives [[0, 0, 1], [0, 4, 6], [4, 12, 9]]"""
    require_function(exercise, "trans_conv2d")
    X = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
    _check(exercise, X, X.clone())


@pytest.mark.task(1)
def test_stride_two_example(exercise):
    """with stride 2 the four scaled kernels do not overlap: a 4x4 result"""
    X = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
    _check(exercise, X, X.clone(), stride=2)


@pytest.mark.task(2)
@pytest.mark.parametrize("stride", [1, 2, 3])
def test_random_configurations(exercise, rng, device, stride):
    """matches F.conv_transpose2d on random X, K, strides and paddings"""
    for _ in range(repeats(4)):
        h, w, kh, kw = random_shape(rng, 4, 1, 6, names="h, w, kh, kw")
        X = randn(h, w, generator=rng, device=device)
        K = randn(kh, kw, generator=rng, device=device)
        full = min((h - 1) * stride + kh, (w - 1) * stride + kw)
        for padding in range(0, (full - 1) // 2 + 1):
            _check(exercise, X, K, stride, padding)


@pytest.mark.task(1)
def test_defaults_are_stride_1_padding_0(exercise, rng):
    """called as trans_conv2d(X, K): stride 1 and padding 0, as the signature promises"""
    X, K = randn(3, 2, generator=rng), randn(2, 3, generator=rng)
    call = describe_call("trans_conv2d", X, K)
    with forbidden(*FORBIDDEN, rule=RULE):
        got = exercise.trans_conv2d(X, K)
    assert_close(got, _expected(X, K, 1, 0), call=call, atol=1e-5, rtol=1e-5)


@pytest.mark.task(2)
def test_float64_and_noncontiguous(exercise, rng):
    """keeps float64, and works on non-contiguous X and K"""
    X = randn(3, 4, generator=rng, dtype=torch.float64)
    K = randn(2, 3, generator=rng, dtype=torch.float64)
    _check(exercise, X, K, 2, 1, atol=1e-12)
    _check(exercise, noncontiguous(randn(3, 4, generator=rng)), randn(3, 2, generator=rng).t(),
           2, 0)


@pytest.mark.task(3)
def test_gradients(exercise, rng):
    """gradients reach X and K, as for F.conv_transpose2d"""
    X = randn(3, 4, generator=rng, dtype=torch.float64).requires_grad_()
    K = randn(3, 2, generator=rng, dtype=torch.float64).requires_grad_()
    call = describe_call("trans_conv2d", X, K, stride=2, padding=1)
    got = _call(exercise, X, K, 2, 1)
    assert isinstance(got, torch.Tensor) and got.requires_grad, (
        f"{call} returned a result with no autograd history.\nHint: build it from X and K "
        "themselves; no .item(), .detach() or torch.tensor(...).")
    out_grad = randn(*got.shape, generator=rng, dtype=torch.float64)
    got.backward(out_grad)
    expected = torch.autograd.grad(_expected(X, K, 2, 1), (X, K), out_grad)
    for name, tensor, want in zip(("X", "K"), (X, K), expected):
        assert_close(tensor.grad, want, call=f"{name}.grad after {call}", atol=1e-10)


@pytest.mark.task(3)
def test_tensors_made_on_X_device(exercise, rng):
    """every tensor it creates is on X's device (checked with 'meta' as the default device)"""
    X, K = randn(3, 3, generator=rng), randn(2, 2, generator=rng)
    call = describe_call("trans_conv2d", X, K, stride=2, padding=0) + \
        " with torch.device('meta') active"
    hint = ("make new tensors from X (X.new_zeros, torch.zeros_like, device=X.device): "
            "torch.zeros(...) without device= lands on the default device, whatever X is.")
    try:
        with torch.device("meta"):   # a tensor made without device= lands on meta
            got = _call(exercise, X, K, 2, 0)
    except NotImplementedError:   # a RuntimeError: 'not started'
        raise
    except RuntimeError as error:
        raise AssertionError(f"{call} raised RuntimeError: {str(error)[:160]}\nHint: {hint}") \
            from None
    assert_tensor(got, call=call, shape=(6, 6), dtype=torch.float32, device="cpu", hint=hint)
    assert_close(got, _expected(X, K, 2, 0), call=call)


@pytest.mark.task(4)
@pytest.mark.parametrize("x_shape, k_shape, stride, padding", [
    ((3,), (2, 2), 1, 0),            # X: 1-D
    ((1, 3, 3), (2, 2), 1, 0),       # X: 3-D
    ((3, 3), (2,), 1, 0),            # K: 1-D
    ((3, 3), (1, 2, 2), 1, 0),       # K: 3-D
    ((3, 3), (2, 2), 0, 0),          # stride: 0
    ((3, 3), (2, 2), 1, -1),         # padding: negative
    ((2, 2), (2, 2), 1, 2),          # padding: nothing left (3 - 4 < 1)
    ((1, 4), (1, 2), 2, 1),          # padding: no rows left, columns would remain
    ((1, 3), (2, 2), 1, 1),          # padding: exactly 0 rows left (2 - 2), 2 columns
    ((3, 1), (2, 2), 1, 1),          # padding: exactly 0 columns left, 2 rows
])
def test_bad_arguments_raise(exercise, x_shape, k_shape, stride, padding):
    """raises ValueError for X or K not 2-D, stride < 1, padding < 0, or an empty result"""
    X, K = torch.ones(x_shape), torch.ones(k_shape)
    call = describe_call("trans_conv2d", X, K, stride=stride, padding=padding)
    try:
        got = _call(exercise, X, K, stride, padding)
    except ValueError:
        return
    except NotImplementedError:   # a RuntimeError: 'not started'
        raise
    except (RuntimeError, IndexError, ZeroDivisionError) as error:
        raise AssertionError(
            f"{call} raised {type(error).__name__} ({str(error)[:100]}); expected a ValueError "
            "that says which argument is wrong.\nHint: check X.dim(), K.dim(), stride, padding "
            "and the output size before computing.") from None
    shape = tuple(got.shape) if isinstance(got, torch.Tensor) else got
    raise AssertionError(f"{call} returned {shape}; expected a ValueError.\nHint: check "
                         "X.dim(), K.dim(), stride >= 1, padding >= 0 and the output size.")


@pytest.mark.task(4)
def test_rule_by_hand(exercise, rng):
    """rule: no convolution or transposed-convolution functions, no fold/unfold"""
    _check(exercise, randn(3, 3, generator=rng), randn(2, 2, generator=rng), 2, 1)


@pytest.mark.task(2)
@pytest.mark.gpu
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on a CUDA GPU: the result stays on the GPU and matches the CPU result"""
    X, K = randn(16, 12, generator=rng), randn(4, 4, generator=rng)
    got = _call(exercise, X.to(gpu_device), K.to(gpu_device), 2, 1)
    assert_close(got, _expected(X, K, 2, 1).to(gpu_device), atol=1e-4, rtol=1e-4,
                 call=describe_call("trans_conv2d", X.to(gpu_device), K.to(gpu_device),
                                    stride=2, padding=1))
