"""Checks for lesson01/summary."""

import math

import pytest
import torch

from tutor.testing import (
    describe,
    describe_call,
    random_shape,
    require_function,
)

KEYS = ("shape", "ndim", "numel", "dtype", "device", "nbytes")


def _expected(t: torch.Tensor) -> dict[str, object]:
    """The spec, computed another way than the obvious attribute lookups."""
    numel = math.prod(t.size())
    return {"shape": tuple(int(s) for s in t.size()), "ndim": len(t.size()), "numel": numel,
            "dtype": t.dtype, "device": t.device, "nbytes": numel * t.element_size()}


HINTS = {
    "shape": "use tuple(t.shape): all sizes, one per dimension; () for a 0-d scalar.",
    "ndim": "the number of dimensions is t.dim() (or t.ndim), not the length of the "
            "first dimension.",
    "numel": "t.numel() counts every element: the product of all sizes.",
    "dtype": "return t.dtype itself, a torch.dtype such as torch.float32 (not a string "
             "and not the legacy t.type(), which gives 'torch.FloatTensor').",
    "device": "return t.device itself, a torch.device read from the tensor; never assume "
              "the CPU.",
    "nbytes": "numel() counts elements, not bytes. Bytes = numel() * element_size() "
              "(4 per float32 element, 8 per float64, 1 per bool).",
}


def _check(exercise, t: torch.Tensor, shown: str | None = None) -> None:
    summary = require_function(exercise, "summary")
    call = describe_call("summary", t) if shown is None else f"summary({shown})"
    got = summary(t)
    if not isinstance(got, dict):
        extra = " Did you forget to `return` the dict?" if got is None else ""
        raise AssertionError(f"{call} returned {describe(got)}; expected a dict.{extra}")
    missing = [k for k in KEYS if k not in got]
    extra_keys = sorted(str(k) for k in got if k not in KEYS)
    if missing or extra_keys:
        raise AssertionError(
            f"{call} returned a dict with keys {sorted(str(k) for k in got)}; expected exactly "
            f"{list(KEYS)}." + (f" Missing: {missing}." if missing else "")
            + (f" Unexpected: {extra_keys}." if extra_keys else ""))
    want = _expected(t)
    for key in KEYS:
        value, expected = got[key], want[key]
        right_type = {"shape": isinstance(value, tuple), "dtype": isinstance(value, torch.dtype),
                      "device": isinstance(value, torch.device)}.get(
            key, isinstance(value, int) and not isinstance(value, bool))
        if not right_type or value != expected:
            raise AssertionError(f"{call} returned {key!r}: {value!r} "
                                 f"({type(value).__name__}); expected {expected!r}."
                                 f"\nHint: {HINTS[key]}")


def test_small_example(exercise):
    """summary(torch.zeros(2, 3)): shape (2, 3), ndim 2, numel 6, float32, cpu, 24 bytes"""
    _check(exercise, torch.zeros(2, 3))


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.float16, torch.int64,
                                   torch.int8, torch.uint8, torch.bool],
                         ids=lambda d: str(d).removeprefix("torch."))
def test_dtypes_and_bytes(exercise, rng, dtype):
    """reports the dtype, and the bytes that dtype takes per element"""
    shape = random_shape(rng, 3, 1, 6)
    _check(exercise, torch.zeros(shape, dtype=dtype))


def test_random_ranks(exercise, rng):
    """shape, ndim and numel for tensors of rank 1 to 4"""
    for ndim in range(1, 5):
        shape = random_shape(rng, ndim, 1, 5)
        _check(exercise, torch.randn(shape, generator=rng))


def test_scalar(exercise):
    """a 0-d scalar, torch.tensor(2.2): shape (), ndim 0, 1 element, 4 bytes"""
    _check(exercise, torch.tensor(2.2), shown="torch.tensor(2.2)")


def test_empty(exercise):
    """an empty (0, 3) tensor: 0 elements, 0 bytes, but still 2 dimensions"""
    _check(exercise, torch.zeros(0, 3))


def test_view(exercise):
    """a strided view counts only its own elements, not the memory behind it"""
    t = torch.zeros(4, 6)[:, ::2]
    _check(exercise, t, shown="torch.zeros(4, 6)[:, ::2]")


def test_device_is_read(exercise):
    """reads the device from the tensor (checked with the data-free 'meta' device)"""
    _check(exercise, torch.empty(4, 5, device="meta"),
           shown="torch.empty(4, 5, device='meta')")


@pytest.mark.gpu
def test_gpu_tensor(exercise, gpu_device):
    """reports cuda for a tensor on the GPU"""
    _check(exercise, torch.zeros(3, 2, dtype=torch.float64, device=gpu_device))
