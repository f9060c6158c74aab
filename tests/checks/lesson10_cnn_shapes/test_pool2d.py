"""Checks for lesson10/pool2d."""

import pytest
import torch
import torch.nn.functional as F

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe_call,
    forbidden,
    noncontiguous,
    randn,
    random_shape,
    repeats,
    require_function,
)

FORBIDDEN = ("torch.nn.functional.max_pool2d", "torch.nn.functional.avg_pool2d",
             "torch.max_pool2d", "torch._C._nn.avg_pool2d", "torch.nn.MaxPool2d",
             "torch.nn.AvgPool2d",
             "torch.nn.functional.max_pool2d_with_indices", "torch.nn.functional.lp_pool2d",
             "torch.nn.functional.adaptive_max_pool2d", "torch.nn.functional.adaptive_avg_pool2d",
             "torch.nn.functional.unfold", "torch.Tensor.unfold")
RULE = "Pool by hand: strided slices per window offset (or a loop over positions) are fine."


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def _expected(X, pool_size, stride, mode):
    """PyTorch's pooling on the input reshaped to a batch of single-channel images."""
    flat = X.reshape(-1, 1, *X.shape[-2:])
    op = F.max_pool2d if mode == "max" else F.avg_pool2d
    out = op(flat, _pair(pool_size), _pair(pool_size if stride is None else stride))
    return out.reshape(*X.shape[:-2], *out.shape[-2:])


def _call(exercise, X, pool_size, stride, mode):
    with forbidden(*FORBIDDEN, rule=RULE):
        return exercise.pool2d(X, pool_size, stride=stride, mode=mode)


def _hint(got, X, pool_size, stride, mode):
    # Name a cause only when the numbers show it.
    if not isinstance(got, torch.Tensor):
        return None
    expected = _expected(X.detach(), pool_size, stride, mode)
    if got.shape != expected.shape:
        return ("per dim, (H - ph) // sh + 1 windows fit; stride=None means stride = pool "
                "size. Leading dims stay as they are.")
    other = "avg" if mode == "max" else "max"
    if torch.allclose(got.detach().double(), _expected(X.detach(), pool_size, stride,
                                                        other).double()):
        return f"this is {other} pooling; mode={mode!r} was asked for."
    return None


def _check(exercise, X, pool_size, stride=None, mode="max"):
    before = X.detach().clone()
    flag = X.requires_grad
    call = describe_call("pool2d", X, pool_size, stride=stride, mode=mode)
    expected = _expected(before, pool_size, stride, mode)
    got = _call(exercise, X, pool_size, stride, mode)
    right = isinstance(got, torch.Tensor) and got.shape == expected.shape and \
        torch.allclose(got.detach().to(expected), expected, atol=1e-6, rtol=1e-6)
    hint = None if right else _hint(got, before, pool_size, stride, mode)
    assert_tensor(got, call=call, shape=tuple(expected.shape), dtype=X.dtype, device=X.device,
                  hint=hint)
    assert_close(got.detach(), expected, call=call, atol=1e-6, rtol=1e-6, hint=hint)
    assert torch.equal(X.detach(), before) and X.requires_grad == flag, (
        f"{call} changed X (its values or requires_grad); the contract leaves X unchanged.")
    return got


@pytest.mark.task(1)
def test_small_example(exercise):
    """X = 0..15 as 4x4: 2x2 max pooling gives [[5, 7], [13, 15]], 3x3 average with stride 1 [[5, 6], [9, 10]]"""
    require_function(exercise, "pool2d")
    X = torch.arange(16.0).reshape(4, 4)
    _check(exercise, X, 2)
    _check(exercise, X, 3, stride=1, mode="avg")


@pytest.mark.task(2)
@pytest.mark.parametrize("mode", ["max", "avg"])
@pytest.mark.parametrize("lead", [(), (3,), (2, 3)])
def test_random_configurations(exercise, rng, device, mode, lead):
    """matches F.max_pool2d / F.avg_pool2d on random sizes, pools and strides (pairs, None, overlaps, gaps)"""
    for _ in range(repeats(4)):
        H, W = random_shape(rng, 2, 4, 12, names="H, W")
        ph, pw = random_shape(rng, 2, 1, 4, names="ph, pw")
        sh, sw = random_shape(rng, 2, 1, 5, names="sh, sw")
        X = randn(*lead, H, W, generator=rng, device=device)
        _check(exercise, X, (ph, pw), (sh, sw), mode)
        _check(exercise, X, ph, None, mode)            # stride defaults to the pool size
        _check(exercise, X, pw, sh, mode)              # ints for both


@pytest.mark.task(1)
def test_window_as_big_as_input(exercise, rng):
    """a window as big as X gives one value per leading index (global pooling)"""
    X = randn(2, 5, 4, generator=rng)
    _check(exercise, X, (5, 4), mode="max")
    _check(exercise, X, (5, 4), mode="avg")


@pytest.mark.task(2)
def test_float64_and_noncontiguous(exercise, rng):
    """keeps float64, and works on a non-contiguous X"""
    X = randn(3, 6, 7, generator=rng, dtype=torch.float64)
    _check(exercise, X, 2, 1, "max")
    _check(exercise, X, 3, 2, "avg")
    _check(exercise, noncontiguous(randn(2, 6, 7, generator=rng)), 2, None, "avg")
    _check(exercise, randn(7, 6, generator=rng).t(), (2, 3), (1, 2), "max")


@pytest.mark.task(3)
@pytest.mark.parametrize("mode", ["max", "avg"])
def test_gradients(exercise, rng, mode):
    """gradients flow to X as PyTorch's pooling sends them (to each window's max, or spread evenly)"""
    X = randn(2, 7, 6, generator=rng, dtype=torch.float64).requires_grad_()
    weights = randn(2, 3, 2, generator=rng, dtype=torch.float64)
    call = describe_call("pool2d", X, (3, 2), stride=(2, 3), mode=mode)
    got = _call(exercise, X, (3, 2), (2, 3), mode)
    assert isinstance(got, torch.Tensor) and got.requires_grad, (
        f"{call} returned a result with no autograd history; gradients must reach X.\n"
        "Hint: build the result from slices of X; no .item(), .detach() or torch.tensor(...).")
    (got * weights).sum().backward()
    expected = torch.autograd.grad((_expected(X, (3, 2), (2, 3), mode) * weights).sum(), X)[0]
    assert_close(X.grad, expected, call=f"X.grad after {call}", atol=1e-10)


@pytest.mark.task(2)
def test_tensors_made_on_X_device(exercise, rng):
    """every tensor it creates is on X's device (checked with 'meta' as the default device)"""
    X = randn(2, 6, 6, generator=rng)
    call = describe_call("pool2d", X, 2, stride=None, mode="avg") + \
        " with torch.device('meta') active"
    hint = ("make new tensors from X (X.new_zeros, torch.zeros_like, device=X.device): "
            "torch.zeros(...) without device= lands on the default device, whatever X is.")
    try:
        with torch.device("meta"):   # a tensor made without device= lands on meta
            got = _call(exercise, X, 2, None, "avg")
    except NotImplementedError:   # a RuntimeError: 'not started'
        raise
    except RuntimeError as error:
        raise AssertionError(f"{call} raised RuntimeError: {str(error)[:160]}\nHint: {hint}") \
            from None
    assert_tensor(got, call=call, shape=(2, 3, 3), dtype=torch.float32, device="cpu", hint=hint)
    assert_close(got, _expected(X, 2, None, "avg"), call=call)


@pytest.mark.task(4)
@pytest.mark.parametrize("args, kwargs", [
    ((torch.zeros(5), 2), {}),                              # X: fewer than 2 dims
    ((torch.zeros(4, 4), 2), {"mode": "mean"}),             # mode: unknown
    ((torch.zeros(4, 4), 0), {}),                           # pool_size: below 1
    ((torch.zeros(4, 4), (2, 0)), {}),                      # pool_size: one side below 1
    ((torch.zeros(4, 4), 2), {"stride": 0}),                # stride: below 1
    ((torch.zeros(4, 4), 2), {"stride": (1, 0)}),           # stride: one side below 1
    ((torch.zeros(3, 6), (4, 2)), {}),                      # window taller than X
    ((torch.zeros(6, 3), (2, 4)), {"mode": "avg"}),         # window wider than X
])
def test_bad_arguments_raise(exercise, args, kwargs):
    """raises ValueError for X with < 2 dims, an unknown mode, a size or stride below 1, or a window larger than X"""
    call = describe_call("pool2d", *args, **kwargs)
    try:
        with forbidden(*FORBIDDEN, rule=RULE):
            got = exercise.pool2d(*args, **kwargs)
    except ValueError:
        return
    except NotImplementedError:   # a RuntimeError: 'not started'
        raise
    except (RuntimeError, IndexError, ZeroDivisionError) as error:
        raise AssertionError(
            f"{call} raised {type(error).__name__} ({str(error)[:100]}); expected a ValueError "
            "that says which argument is wrong.\nHint: validate X.dim(), mode, the sizes and "
            "strides, and that the window fits, before pooling.") from None
    shape = tuple(got.shape) if isinstance(got, torch.Tensor) else got
    raise AssertionError(f"{call} returned {shape}; expected a ValueError.\nHint: validate "
                         "X.dim(), mode, the sizes and strides, and that the window fits.")


@pytest.mark.task(4)
def test_rule_no_library_pooling(exercise, rng):
    """rule: no F.max_pool2d / F.avg_pool2d, pooling modules or unfold"""
    _check(exercise, randn(2, 5, 5, generator=rng), 2, 1, "max")


@pytest.mark.task(2)
@pytest.mark.gpu
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on a CUDA GPU: the result stays on the GPU and matches the CPU result"""
    X = randn(4, 3, 17, 13, generator=rng)
    for mode in ("max", "avg"):
        got = _call(exercise, X.to(gpu_device), (3, 2), (2, 2), mode)
        assert_close(got, _expected(X, (3, 2), (2, 2), mode).to(gpu_device), atol=1e-5,
                     call=describe_call("pool2d", X.to(gpu_device), (3, 2), stride=(2, 2),
                                        mode=mode))
