"""Checks for lesson01/tensor_like."""

import pytest
import torch

from tutor.testing import (
    assert_equal,
    assert_tensor,
    describe_call,
    inputs_unchanged,
    random_shape,
    require_function,
)

DTYPE_HINT = ("pass dtype=like.dtype: without it torch.tensor picks int64 for integers and "
              "float32 for floats, whatever like is.")
DEVICE_HINT = ("pass device=like.device. Do not pick a device yourself (not 'cpu', not "
               "'cuda if available'): the new values must sit where like sits.")


def _call(exercise, values, like: torch.Tensor, shown_like: str | None = None):
    tensor_like = require_function(exercise, "tensor_like")
    call = (describe_call("tensor_like", values, like) if shown_like is None
            else f"tensor_like({values!r}, {shown_like})")
    try:
        return tensor_like(values, like), call
    except NotImplementedError:
        raise
    except RuntimeError as error:
        raise AssertionError(
            f"{call} raised RuntimeError: {error}\nHint: the result takes the shape of values, "
            f"never like's shape: build it from values alone, with dtype=like.dtype and "
            f"device=like.device.") from error


def test_small_example(exercise):
    """tensor_like([[1, 2, 3]], a float64 tensor) is [[1., 2., 3.]] in float64"""
    like = torch.zeros(5, dtype=torch.float64)
    got, call = _call(exercise, [[1, 2, 3]], like)
    assert_equal(got, torch.tensor([[1.0, 2.0, 3.0]], dtype=torch.float64), call=call,
                 hint=DTYPE_HINT)


def test_shape_comes_from_values(exercise):
    """the shape comes from values, not from like: [[1, 2], [3, 4], [5, 6]] gives (3, 2)"""
    like = torch.zeros(4, 4)
    got, call = _call(exercise, [[1, 2], [3, 4], [5, 6]], like)
    assert_tensor(got, call=call, shape=(3, 2),
                  hint="like only lends its dtype and device; the values decide the shape.")


def test_single_number(exercise):
    """a single number gives a 0-d tensor"""
    like = torch.ones(2, 3, dtype=torch.int32)
    got, call = _call(exercise, 7, like)
    assert_equal(got, torch.tensor(7, dtype=torch.int32), call=call, hint=DTYPE_HINT)


@pytest.mark.parametrize("dtype", [torch.float64, torch.float16, torch.int32, torch.int64,
                                   torch.uint8, torch.bool, torch.float32],
                         ids=lambda d: str(d).removeprefix("torch."))
def test_dtype_matches(exercise, rng, device, dtype):
    """takes like's dtype, whatever it is"""
    high = 2 if dtype == torch.bool else 100
    shape = random_shape(rng, 2, 1, 5)
    values = torch.randint(0, high, shape, generator=rng).tolist()
    like = torch.zeros(3, dtype=dtype, device=device)
    got, call = _call(exercise, values, like)
    assert_equal(got, torch.tensor(values, dtype=dtype, device=device), call=call,
                 hint=DTYPE_HINT)


def test_float_values_into_float64(exercise, rng):
    """random float values keep full float64 precision when like is float64"""
    values = torch.randn(3, 4, generator=rng, dtype=torch.float64).tolist()
    like = torch.zeros(1, dtype=torch.float64)
    got, call = _call(exercise, values, like)
    assert_equal(got, torch.tensor(values, dtype=torch.float64), call=call,
                 hint="build the tensor in float64 directly; going through float32 first "
                      "rounds the values.")


def test_device_matches(exercise):
    """takes like's device (checked with the data-free 'meta' device, so no GPU is needed)"""
    like = torch.empty(3, device="meta")
    got, call = _call(exercise, [1.0, 2.0], like, "torch.empty(3, device='meta')")
    assert_tensor(got, call=call, shape=(2,), dtype=torch.float32, device="meta",
                  hint=DEVICE_HINT)


def test_like_left_alone(exercise):
    """like is not changed, and the result is a new tensor"""
    like = torch.arange(4.0)
    got, call = _call(exercise, [9.0, 9.0, 9.0, 9.0], like)
    assert_tensor(got, call=call, shape=(4,))
    if got.data_ptr() == like.data_ptr() or not torch.equal(like, torch.arange(4.0)):
        raise AssertionError(f"{call} wrote into like; expected a new tensor and like "
                             "unchanged.\nHint: build a new tensor; like only tells you the "
                             "dtype and device.")


@pytest.mark.gpu
def test_gpu_like(exercise, rng, gpu_device):
    """like on the GPU: the new float64 tensor is created on the GPU"""
    values = torch.randn(2, 5, generator=rng, dtype=torch.float64).tolist()
    like = torch.zeros(7, dtype=torch.float64, device=gpu_device)
    got, call = _call(exercise, values, like)
    assert_equal(got, torch.tensor(values, dtype=torch.float64, device=gpu_device), call=call,
                 hint=DEVICE_HINT)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    tensor_like = require_function(exercise, "tensor_like")
    for args in [([1.5, -2.0], torch.randn(2, generator=rng, dtype=torch.float64))]:
        with inputs_unchanged(describe_call("tensor_like", *args), **dict(zip(("values", "like"), args))):
            tensor_like(*args)
