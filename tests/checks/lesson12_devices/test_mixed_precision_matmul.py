"""Checks for lesson12/mixed_precision_matmul."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe_call,
    inputs_unchanged,
    randn,
    require_function,
)


def _expected_dtype(device_type: str) -> torch.dtype:
    return torch.get_autocast_dtype(device_type)


DTYPE_HINT = ("run a @ b inside `with torch.autocast(device_type=a.device.type):` and return "
              "what it gives: bfloat16 on the CPU, float16 on CUDA. Do not cast by hand "
              "(.half()) and do not convert back with .float().")


def test_small_example(exercise):
    """ones(2, 3) @ (0.5 * ones(3, 2)) on the CPU is 1.5 everywhere, in bfloat16"""
    mixed_precision_matmul = require_function(exercise, "mixed_precision_matmul")
    a, b = torch.ones(2, 3), torch.full((3, 2), 0.5)
    assert_close(mixed_precision_matmul(a, b), torch.full((2, 2), 1.5, dtype=torch.bfloat16),
                 call=describe_call("mixed_precision_matmul", a, b), hint=DTYPE_HINT)


def test_dtype_on_cpu(exercise, rng):
    """float32 inputs on the CPU give autocast's CPU dtype (bfloat16)"""
    a, b = randn(5, 7, generator=rng), randn(7, 3, generator=rng)
    assert_tensor(exercise.mixed_precision_matmul(a, b),
                  call=describe_call("mixed_precision_matmul", a, b), shape=(5, 3),
                  dtype=_expected_dtype("cpu"), device="cpu", hint=DTYPE_HINT)


def test_values_close_to_float32(exercise, rng):
    """values agree with the float32 product within bfloat16 precision"""
    a, b = randn(8, 16, generator=rng), randn(16, 4, generator=rng)
    got = exercise.mixed_precision_matmul(a, b)
    assert_close(got, (a @ b).to(got.dtype), call=describe_call("mixed_precision_matmul", a, b),
                 atol=0.1, rtol=0.02, check_dtype=False)


def test_inputs_and_autocast_state_unchanged(exercise, rng):
    """the inputs stay float32 and autocast is off again after the call"""
    a, b = randn(3, 4, generator=rng), randn(4, 2, generator=rng)
    exercise.mixed_precision_matmul(a, b)
    assert a.dtype == b.dtype == torch.float32, (
        f"after the call the inputs are {a.dtype} and {b.dtype}: autocast casts copies, your "
        "inputs should stay float32.")
    assert not torch.is_autocast_enabled("cpu"), (
        "autocast is still on after mixed_precision_matmul returned: use it as a `with` "
        "block so it switches off at the end.")


def test_gradients_are_float32(exercise, rng):
    """gradients flow back to float32 inputs as float32"""
    a = randn(3, 4, generator=rng).requires_grad_(True)
    b = randn(4, 2, generator=rng).requires_grad_(True)
    out = exercise.mixed_precision_matmul(a, b)
    assert_tensor(out, call=describe_call("mixed_precision_matmul", a, b), shape=(3, 2))
    assert out.requires_grad, "the result is cut off from a and b (requires_grad is False)."
    out.float().sum().backward()
    assert_close(a.grad, torch.ones(3, 2) @ b.detach().T, call="a.grad after backward",
                 atol=0.05, rtol=0.02)


@pytest.mark.gpu
def test_gpu_float16(exercise, rng, gpu_device):
    """on CUDA: a float16 result on the GPU, close to the CPU float32 product"""
    a, b = randn(64, 128, generator=rng), randn(128, 32, generator=rng)
    got = exercise.mixed_precision_matmul(a.to(gpu_device), b.to(gpu_device))
    call = describe_call("mixed_precision_matmul", a.to(gpu_device), b.to(gpu_device))
    assert_tensor(got, call=call, shape=(64, 32), dtype=_expected_dtype("cuda"),
                  device=gpu_device, hint=DTYPE_HINT)
    assert_close(got.float().cpu(), a @ b, call=call, atol=0.05, rtol=0.01)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    mixed_precision_matmul = require_function(exercise, "mixed_precision_matmul")
    for args in [(torch.randn(4, 3, generator=rng), torch.randn(3, 2, generator=rng))]:
        with inputs_unchanged(describe_call("mixed_precision_matmul", *args), **dict(zip(("a", "b"), args))):
            mixed_precision_matmul(*args)
