"""Checks for lesson01/to_numpy."""

import numpy as np
import pytest
import torch

from tutor.testing import describe, describe_call, inputs_unchanged, require_function

NUMPY_DTYPES = {torch.float32: np.float32, torch.float64: np.float64, torch.float16: np.float16,
                torch.int64: np.int64, torch.int32: np.int32, torch.int8: np.int8,
                torch.uint8: np.uint8, torch.bool: np.bool_, torch.bfloat16: np.float32}


def _convert(exercise, t: torch.Tensor, shown: str | None = None,
             hint: str | None = None) -> tuple[np.ndarray, str]:
    """Call to_numpy and compare with the spec: an ndarray of t's values in the mapped dtype."""
    to_numpy = require_function(exercise, "to_numpy")
    call = shown or describe_call("to_numpy", t)
    try:
        got = to_numpy(t)
    except NotImplementedError:
        raise
    except (TypeError, RuntimeError) as error:
        if hint is None:
            raise
        raise AssertionError(f"{call} raised {type(error).__name__}: {error}\nHint: {hint}"
                             ) from error
    if not isinstance(got, np.ndarray):
        raise AssertionError(f"{call} returned {describe(got)}; expected a NumPy ndarray."
                             + ("\nHint: t.numpy() returns the array." if
                                isinstance(got, (torch.Tensor, list)) else ""))
    want_dtype = np.dtype(NUMPY_DTYPES[t.dtype])
    if got.dtype != want_dtype:
        raise AssertionError(
            f"{call} returned an array of dtype {got.dtype}; expected {want_dtype}.\nHint: "
            + (hint or "keep the tensor's dtype; only bfloat16 becomes float32 (NumPy has no "
                       "bfloat16). np.array(t.tolist()) and .float() change the dtype."))
    if got.shape != tuple(t.shape):
        raise AssertionError(f"{call} returned shape {got.shape}; expected {tuple(t.shape)}.")
    want = t.detach().cpu()
    want = want.float() if want.dtype == torch.bfloat16 else want
    if not np.array_equal(got, want.numpy()):
        raise AssertionError(f"{call} returned different values: got {got!r}, expected "
                             f"{want.numpy()!r}.")
    return got, call


def test_small_example(exercise):
    """a tensor that requires grad, [1., 2.], gives array([1., 2.], dtype=float32)"""
    t = torch.tensor([1.0, 2.0], requires_grad=True)
    _convert(exercise, t, "to_numpy(torch.tensor([1.0, 2.0], requires_grad=True))",
             hint="use t.detach() to drop the autograd history before .numpy().")


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.float16, torch.int64,
                                   torch.int32, torch.int8, torch.uint8, torch.bool],
                         ids=lambda d: str(d).removeprefix("torch."))
def test_dtypes_kept(exercise, rng, dtype):
    """keeps the dtype: float32 -> float32, int8 -> int8, bool -> bool, ..."""
    high = 2 if dtype == torch.bool else 100
    t = torch.randint(0, high, (3, 4), generator=rng).to(dtype)
    _convert(exercise, t)


def test_shares_memory(exercise, rng):
    """no copy for a plain CPU tensor: a later write to the tensor shows in the array"""
    t = torch.randn(2, 5, generator=rng)
    got, call = _convert(exercise, t)
    t[0, 0] = 99.0
    if got[0, 0] != 99.0:
        raise AssertionError(f"{call} returned a copy: after t[0, 0] = 99 the array still "
                             f"holds {got[0, 0]}.\nHint: for a CPU tensor, t.numpy() shares "
                             "memory; np.array(...), .tolist() and .clone() copy.")


def test_noncontiguous(exercise, rng):
    """a transposed (non-contiguous) tensor keeps its shape and values"""
    t = torch.randn(3, 5, generator=rng).T
    _convert(exercise, t)


def test_requires_grad_input_unchanged(exercise, rng):
    """tensors that require grad work (a leaf and a computed one) and keep requires_grad"""
    w = torch.randn(4, generator=rng, requires_grad=True)
    for t, shown in ((w, "to_numpy(w) with w a leaf that requires grad"),
                     (w * 2, "to_numpy(w * 2), a computed tensor that requires grad")):
        _convert(exercise, t, shown,
                 hint="use t.detach() to drop the autograd history before .numpy().")
        if not t.requires_grad:
            raise AssertionError(f"{shown}: your function switched off requires_grad on the "
                                 "tensor it was given; expected it left as it was.\nHint: "
                                 "t.detach() gives a new tensor without history and leaves "
                                 "t alone.")


def test_bfloat16(exercise, rng):
    """bfloat16 becomes a float32 array with the same values"""
    t = torch.randn(2, 3, generator=rng).to(torch.bfloat16)
    _convert(exercise, t, hint="NumPy has no bfloat16: convert it with .float() first.")


def test_bfloat16_requires_grad(exercise, rng):
    """bfloat16 that requires grad: both fixes at once"""
    t = torch.randn(5, generator=rng).to(torch.bfloat16).requires_grad_()
    _convert(exercise, t)


@pytest.mark.gpu
def test_gpu_tensor(exercise, rng, gpu_device):
    """a GPU tensor: its values come back in a CPU array"""
    t = torch.randn(4, 3, generator=rng).to(gpu_device)
    _convert(exercise, t, hint="NumPy reads CPU memory only: .cpu() first.")


@pytest.mark.gpu
def test_gpu_bfloat16_requires_grad(exercise, rng, gpu_device):
    """a bfloat16 GPU tensor that requires grad: all three fixes at once"""
    t = torch.randn(6, generator=rng).to(gpu_device, torch.bfloat16).requires_grad_()
    _convert(exercise, t)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    to_numpy = require_function(exercise, "to_numpy")
    for args in [(torch.randn(3, generator=rng).requires_grad_(),), (torch.randn(2, 3, generator=rng).to(torch.bfloat16),)]:
        with inputs_unchanged(describe_call("to_numpy", *args), **dict(zip(("t",), args))):
            to_numpy(*args)
