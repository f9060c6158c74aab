"""Checks for lesson10/conv1x1."""

import pytest
import torch
import torch.nn.functional as F

from tutor.testing import (
    assert_close,
    assert_no_loops,
    assert_tensor,
    describe_call,
    forbidden,
    randn,
    random_shape,
    repeats,
    require_function,
)

FORBIDDEN = ("torch.nn.functional.conv2d", "torch.conv2d", "torch.nn.Conv2d",
             "torch.nn.functional.conv1d", "torch.conv1d", "torch.nn.Conv1d",
             "torch.convolution", "torch._convolution", "torch.nn.functional.conv_transpose2d",
             "torch.nn.functional.unfold", "torch.Tensor.unfold")
RULE = "Write the 1x1 convolution as a matrix product over the channels (@, matmul or einsum)."


def _call(exercise, X, weight, bias):
    with forbidden(*FORBIDDEN, rule=RULE):
        return exercise.conv1x1(X, weight, bias)


def _inputs(rng, n, c_in, c_out, h, w, dtype=torch.float32, device="cpu", with_bias=True):
    X = randn(n, c_in, h, w, generator=rng, dtype=dtype, device=device)
    weight = randn(c_out, c_in, 1, 1, generator=rng, dtype=dtype, device=device)
    bias = randn(c_out, generator=rng, dtype=dtype, device=device) if with_bias else None
    return X, weight, bias


def _hint(got, X, weight, bias):
    # Name a cause only when the numbers show it.
    if not isinstance(got, torch.Tensor) or got.shape != (X.shape[0], weight.shape[0],
                                                          *X.shape[2:]):
        return ("the result is (N, C_out, H, W): multiply (C_out, C_in) by (N, C_in, H*W), "
                "then reshape back to H, W.")
    if bias is not None and torch.allclose(got.detach().to(X), F.conv2d(X, weight),
                                           atol=1e-4):
        return "the bias is missing: add bias.view(1, C_out, 1, 1) (one number per channel)."
    return None


def _check(exercise, X, weight, bias, atol=1e-5):
    before = [t.detach().clone() if t is not None else None for t in (X, weight, bias)]
    flags = [t is not None and t.requires_grad for t in (X, weight, bias)]
    call = describe_call("conv1x1", X, weight, bias)
    expected = F.conv2d(*before)
    got = _call(exercise, X, weight, bias)
    right = isinstance(got, torch.Tensor) and got.shape == expected.shape and \
        torch.allclose(got.detach().to(expected), expected, atol=atol, rtol=1e-5)
    hint = None if right else _hint(got, *before)
    assert_tensor(got, call=call, shape=tuple(expected.shape), dtype=X.dtype, device=X.device,
                  hint=hint)
    assert_close(got.detach(), expected, call=call, atol=atol, rtol=1e-5, hint=hint)
    for name, old, new, flag in zip(("X", "weight", "bias"), before, (X, weight, bias), flags):
        assert new is None or (torch.equal(new.detach(), old) and new.requires_grad == flag), (
            f"{call} changed {name} (its values or requires_grad); the contract leaves its inputs unchanged.")
    return got


@pytest.mark.task(1)
def test_small_example(exercise):
    """weight [[1, 10]] on two 2x2 channels gives 1 * channel 0 + 10 * channel 1"""
    require_function(exercise, "conv1x1")
    X = torch.arange(8.0).reshape(1, 2, 2, 2)
    weight = torch.tensor([[1.0, 10.0]]).view(1, 2, 1, 1)
    _check(exercise, X, weight, None)


@pytest.mark.task(1)
@pytest.mark.parametrize("with_bias", [True, False])
def test_random_shapes(exercise, rng, device, with_bias):
    """matches F.conv2d with a 1x1 kernel on random N, C_in, C_out, H, W (with and without bias)"""
    for _ in range(repeats(4)):
        # Shrunk to the smallest failing sizes on a failure (tutor.testing.shrink).
        n, c_in, c_out, h, w = random_shape(rng, 5, names="n, c_in, c_out, h, w")
        _check(exercise, *_inputs(rng, n, c_in, c_out, h, w, device=device,
                                  with_bias=with_bias))


@pytest.mark.task(2)
def test_odd_layouts(exercise, rng):
    """works for channels_last and other non-contiguous inputs, and a single pixel"""
    X, weight, bias = _inputs(rng, 2, 3, 5, 4, 6)
    _check(exercise, X.to(memory_format=torch.channels_last), weight, bias)
    _check(exercise, X.transpose(2, 3), weight, bias)           # (N, C, W, H) view
    _check(exercise, *_inputs(rng, 3, 4, 2, 1, 1))


@pytest.mark.task(2)
def test_float64(exercise, rng):
    """keeps float64, with and without bias"""
    _check(exercise, *_inputs(rng, 2, 3, 4, 5, 5, dtype=torch.float64), atol=1e-12)
    _check(exercise, *_inputs(rng, 2, 3, 4, 5, 5, dtype=torch.float64, with_bias=False),
           atol=1e-12)


@pytest.mark.task(2)
def test_gradients(exercise, rng):
    """gradients reach X, weight and bias, as for F.conv2d"""
    X, weight, bias = (t.requires_grad_() for t in _inputs(rng, 2, 3, 4, 3, 5,
                                                            dtype=torch.float64))
    out_grad = randn(2, 4, 3, 5, generator=rng, dtype=torch.float64)
    call = describe_call("conv1x1", X, weight, bias)
    got = _call(exercise, X, weight, bias)
    assert isinstance(got, torch.Tensor) and got.requires_grad, (
        f"{call} returned a result with no autograd history.\nHint: compute with the tensors "
        "themselves; no .detach(), .item(), .numpy() or torch.tensor(...).")
    got.backward(out_grad)
    expected = torch.autograd.grad(F.conv2d(X, weight, bias), (X, weight, bias), out_grad)
    for name, tensor, want in zip(("X", "weight", "bias"), (X, weight, bias), expected):
        assert_close(tensor.grad, want, call=f"{name}.grad after {call}", atol=1e-10)


@pytest.mark.task(2)
def test_tensors_made_on_X_device(exercise, rng):
    """every tensor it creates is on X's device (checked with 'meta' as the default device)"""
    for bias_given in (False, True):
        X, weight, bias = _inputs(rng, 2, 3, 4, 2, 2, with_bias=bias_given)
        call = describe_call("conv1x1", X, weight, bias) + " with torch.device('meta') active"
        hint = ("make new tensors from the inputs (X.new_zeros, zeros_like, device=X.device): "
                "torch.zeros(...) without device= lands on the default device, whatever X is.")
        try:
            with torch.device("meta"):   # a tensor made without device= lands on meta
                got = _call(exercise, X, weight, bias)
        except NotImplementedError:   # a RuntimeError: 'not started'
            raise
        except RuntimeError as error:
            raise AssertionError(f"{call} raised RuntimeError: {str(error)[:160]}\nHint: "
                                 f"{hint}") from None
        assert_tensor(got, call=call, shape=(2, 4, 2, 2), dtype=torch.float32, device="cpu",
                      hint=hint)
        assert_close(got, F.conv2d(X, weight, bias), call=call)


@pytest.mark.task(3)
@pytest.mark.parametrize("x_shape, w_shape, b_shape", [
    ((3, 4, 4), (2, 3, 1, 1), None),            # X: 3-D, not (N, C_in, H, W)
    ((1, 2, 3, 4, 4), (2, 3, 1, 1), None),      # X: 5-D
    ((1, 3, 4, 4), (2, 4, 1, 1), None),         # weight: C_in differs from X's
    ((1, 3, 4, 4), (2, 3, 3, 3), None),         # weight: a 3x3 kernel, not 1x1
    ((1, 3, 4, 4), (2, 3), None),               # weight: (C_out, C_in) without the 1x1
    ((1, 3, 4, 4), (2, 3, 1, 1), (3,)),         # bias: length differs from C_out
    ((1, 3, 4, 4), (2, 3, 1, 1), (2, 1)),       # bias: 2-D
])
def test_bad_shapes_raise(exercise, x_shape, w_shape, b_shape):
    """raises ValueError for X not 4-D, weight not (C_out, C_in, 1, 1), or bias not (C_out,)"""
    X, weight = torch.zeros(x_shape), torch.zeros(w_shape)
    bias = None if b_shape is None else torch.zeros(b_shape)
    call = describe_call("conv1x1", X, weight, bias)
    try:
        got = _call(exercise, X, weight, bias)
    except ValueError:
        return
    except NotImplementedError:   # a RuntimeError: 'not started'
        raise
    except (RuntimeError, IndexError) as error:
        raise AssertionError(
            f"{call} raised {type(error).__name__} ({str(error)[:100]}); expected a ValueError "
            "that names the wrong argument.\nHint: check X.dim() == 4, weight.shape == "
            "(C_out, C_in, 1, 1) and bias.shape == (C_out,) before computing.") from None
    shape = tuple(got.shape) if isinstance(got, torch.Tensor) else got
    raise AssertionError(f"{call} returned {shape}; expected a ValueError.\nHint: check "
                         "X.dim() == 4, weight.shape == (C_out, C_in, 1, 1) and bias.shape.")


@pytest.mark.task(3)
def test_rule_no_conv_no_loops(exercise, rng):
    """rule: no convolution functions, no unfold, no Python loops"""
    _check(exercise, *_inputs(rng, 2, 3, 4, 3, 3))
    assert_no_loops(exercise)


@pytest.mark.task(2)
@pytest.mark.gpu
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on a CUDA GPU: the result stays on the GPU and matches the CPU result"""
    X, weight, bias = _inputs(rng, 8, 16, 32, 14, 14)
    moved = [t.to(gpu_device) for t in (X, weight, bias)]
    got = _call(exercise, *moved)
    assert_close(got, F.conv2d(X, weight, bias).to(gpu_device), atol=1e-4, rtol=1e-4,
                 call=describe_call("conv1x1", *moved))
