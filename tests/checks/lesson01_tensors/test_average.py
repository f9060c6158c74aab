"""Checks for lesson01/average."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe_call,
    inputs_unchanged,
    noncontiguous,
    random_shape,
    require_function,
)

INT_HINT = ("integer and bool tensors become float32: .float() (or .to(torch.float32)) before "
            ".mean(). Floor division // keeps integers.")
KEEP_HINT = ("a floating input keeps its own dtype: convert only when "
             "x.is_floating_point() is False (float64 must stay float64).")


def _spec(x: torch.Tensor) -> torch.Tensor:
    """Sum in float64, divide by the count, then give the contract's dtype."""
    dtype = x.dtype if x.is_floating_point() else torch.float32
    total = x.detach().cpu().double().sum()
    return (total / x.numel()).to(dtype)


def _call(exercise, x: torch.Tensor, shown: str | None = None):
    average = require_function(exercise, "average")
    call = shown or describe_call("average", x)
    try:
        return average(x), call
    except NotImplementedError:
        raise
    except RuntimeError as error:
        hint = INT_HINT if not x.is_floating_point() else KEEP_HINT
        raise AssertionError(f"{call} raised RuntimeError: {error}\nHint: {hint}") from error


def test_small_example(exercise):
    """average(torch.tensor([1, 2, 4])) is tensor(2.3333), a float32 scalar"""
    got, call = _call(exercise, torch.tensor([1, 2, 4]), "average(torch.tensor([1, 2, 4]))")
    assert_close(got, torch.tensor(7 / 3), call=call, hint=INT_HINT)


def test_accuracy_of_bools(exercise):
    """averages a bool tensor: the accuracy of y_hat == y, here 0.75"""
    y_hat, y = torch.tensor([0, 2, 1, 1]), torch.tensor([0, 1, 1, 1])
    got, call = _call(exercise, y_hat == y, "average(y_hat == y) with 3 of 4 equal")
    assert_close(got, torch.tensor(0.75), call=call, hint=INT_HINT)


def test_is_a_scalar(exercise, rng):
    """averages every element of a 2-D tensor into one 0-d value"""
    x = torch.randint(0, 10, (4, 3), generator=rng)
    got, call = _call(exercise, x)
    assert_tensor(got, call=call, shape=(),
                  hint="the mean of ALL elements is 0-d: call .mean() without dim.")


@pytest.mark.parametrize("dtype", [torch.int64, torch.int32, torch.int8, torch.uint8, torch.bool],
                         ids=lambda d: str(d).removeprefix("torch."))
def test_integer_dtypes_give_float32(exercise, rng, device, dtype):
    """integer and bool tensors give a float32 mean"""
    x = torch.randint(0, 2 if dtype == torch.bool else 100, (5, 7), generator=rng).to(dtype)
    got, call = _call(exercise, x.to(device))
    assert_close(got, _spec(x).to(device), call=call, atol=1e-5, rtol=1e-6, hint=INT_HINT)


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32, torch.float16],
                         ids=lambda d: str(d).removeprefix("torch."))
def test_floating_dtypes_are_kept(exercise, rng, device, dtype):
    """floating-point tensors keep their dtype: float64 stays float64"""
    x = torch.randn(6, 4, generator=rng, dtype=torch.float64).to(dtype)
    got, call = _call(exercise, x.to(device))
    atol = 1e-3 if dtype == torch.float16 else 1e-6
    assert_close(got, _spec(x).to(device), call=call, atol=atol, rtol=1e-3, hint=KEEP_HINT)


def test_random_shapes(exercise, rng, device):
    """matches the mean on random shapes of rank 1 to 4"""
    for ndim in range(1, 5):
        shape = random_shape(rng, ndim, 1, 6)
        x = torch.randint(-50, 50, shape, generator=rng)
        got, call = _call(exercise, x.to(device))
        assert_close(got, _spec(x).to(device), call=call, atol=1e-5, rtol=1e-6, hint=INT_HINT)


def test_noncontiguous(exercise, rng):
    """works on a non-contiguous (strided) integer tensor"""
    x = noncontiguous(torch.randint(0, 9, (3, 5), generator=rng))
    got, call = _call(exercise, x)
    assert_close(got, _spec(x), call=call, atol=1e-5, rtol=1e-6, hint=INT_HINT)


def test_empty_is_nan(exercise):
    """an empty integer tensor gives nan (0 elements: 0 / 0), as torch.mean does"""
    x = torch.zeros(0, dtype=torch.int64)
    got, call = _call(exercise, x, "average(torch.zeros(0, dtype=torch.int64))")
    assert_tensor(got, call=call, shape=(), dtype=torch.float32)
    if not torch.isnan(got):
        raise AssertionError(f"{call} returned {got.item()}; expected nan (the mean of no "
                             "numbers).\nHint: let .mean() handle the empty case; do not "
                             "special-case it.")


@pytest.mark.gpu
def test_gpu_input_stays_on_gpu(exercise, rng, gpu_device):
    """an int64 tensor on the GPU: the float32 mean is on the GPU and matches the CPU"""
    x = torch.randint(0, 1000, (64, 33), generator=rng)
    got, call = _call(exercise, x.to(gpu_device))
    assert_close(got, _spec(x).to(gpu_device), call=call, atol=1e-4, rtol=1e-6,
                 hint="convert with .float() (it keeps the device), not by building a new "
                      "CPU tensor.")


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    average = require_function(exercise, "average")
    for args in [(torch.randn(3, 4, generator=rng, dtype=torch.float64),), (torch.randint(-5, 5, (3, 4), generator=rng),)]:
        with inputs_unchanged(describe_call("average", *args), **dict(zip(("x",), args))):
            average(*args)
