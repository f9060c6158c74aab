"""Checks for lesson01/to_tensor."""

import numpy as np
import pytest
import torch

from tutor.testing import (
    assert_equal,
    describe,
    random_shape,
    require_function,
)

SHARE_HINT = ("torch.from_numpy(a) (or torch.as_tensor(a)) shares a's memory; torch.tensor(a) "
              "always copies. Converting the dtype (.float(), torch.Tensor(a)) also copies.")
COPY_HINT = ("torch.tensor(a) (or torch.from_numpy(a.copy())) makes an independent copy; "
             "torch.from_numpy(a) and torch.as_tensor(a) share a's memory.")


def _show(a: np.ndarray) -> str:
    return f"<{a.dtype} array {tuple(a.shape)}>"


def _convert(exercise, a: np.ndarray, share: bool):
    """Call to_tensor and check the result is a CPU tensor with a's values and dtype."""
    to_tensor = require_function(exercise, "to_tensor")
    call = f"to_tensor({_show(a)}, share={share})"
    expected = torch.tensor(a.copy())
    got = to_tensor(a, share)
    if isinstance(got, np.ndarray):
        raise AssertionError(f"{call} returned a NumPy array; expected a torch.Tensor.")
    assert_equal(got, expected, call=call,
                 hint="keep the array's dtype: float64 stays float64, int32 stays int32 "
                      "(no .float(), no torch.Tensor(a)).")
    return got, call


def _first(a: np.ndarray) -> tuple[int, ...]:
    return (0,) * a.ndim


def _index(at: tuple[int, ...]) -> str:
    return ", ".join(str(i) for i in at)


def _assert_shares(a: np.ndarray, got: torch.Tensor, call: str) -> None:
    at = _first(a)
    before = a[at].item()
    a[at] = 99
    if got[at].item() != a[at].item():
        raise AssertionError(f"{call} returned {describe(got)} that does not share memory "
                             f"with the array: after a[{_index(at)}] = 99 the tensor still holds "
                             f"{got[at].item()}.\nHint: {SHARE_HINT}")
    got[at] = 42
    if a[at].item() != got[at].item():
        raise AssertionError(f"{call}: writing 42 into the tensor did not show in the array."
                             f"\nHint: {SHARE_HINT}")
    a[at] = before


def _assert_copied(a: np.ndarray, got: torch.Tensor, call: str) -> None:
    at = _first(a)
    kept = got[at].item()
    a[at] = 99
    if got[at].item() != kept:
        raise AssertionError(f"{call} returned {describe(got)} that shares memory with the "
                             f"array: after a[{_index(at)}] = 99 the tensor holds {got[at].item()} "
                             f"instead of {kept}.\nHint: {COPY_HINT}")


def test_small_example(exercise):
    """after a[0] = 7.0 the shared tensor shows 7.0 and the copy still shows 0.0"""
    a = np.zeros(3)
    shared, call_shared = _convert(exercise, a, True)
    copied, call_copied = _convert(exercise, a, False)
    a[0] = 7.0
    if shared[0].item() != 7.0:
        raise AssertionError(f"{call_shared}: after a[0] = 7.0 the tensor holds "
                             f"{shared[0].item()}, expected 7.0.\nHint: {SHARE_HINT}")
    if copied[0].item() != 0.0:
        raise AssertionError(f"{call_copied}: after a[0] = 7.0 the tensor holds "
                             f"{copied[0].item()}, expected 0.0.\nHint: {COPY_HINT}")


DTYPES = [np.float64, np.float32, np.int64, np.int32, np.uint8, np.bool_]


def _random_array(rng: torch.Generator, dtype) -> np.ndarray:
    shape = random_shape(rng, 2, 1, 5)
    values = torch.randint(0, 2 if dtype is np.bool_ else 50, shape, generator=rng).numpy()
    return values.astype(dtype)


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_shared_keeps_dtype(exercise, rng, dtype):
    """share=True: same values and dtype, and writes go both ways"""
    a = _random_array(rng, dtype)
    got, call = _convert(exercise, a, True)
    _assert_shares(a, got, call)


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_copy_keeps_dtype(exercise, rng, dtype):
    """share=False: same values and dtype, and later writes to the array do not show"""
    a = _random_array(rng, dtype)
    got, call = _convert(exercise, a, False)
    _assert_copied(a, got, call)


def test_copy_is_independent_both_ways(exercise, rng):
    """share=False: writing into the copy leaves the array alone"""
    a = np.asarray(torch.randn(3, 4, generator=rng, dtype=torch.float64))
    got, call = _convert(exercise, a, False)
    before = a.copy()
    got[0, 0] = 123.0
    if not np.array_equal(a, before):
        raise AssertionError(f"{call}: writing into the returned tensor changed the array."
                             f"\nHint: {COPY_HINT}")


def test_strided_array(exercise, rng):
    """a strided (non-contiguous) array: shared and copied versions both work"""
    base = np.asarray(torch.randn(4, 6, generator=rng, dtype=torch.float64))
    a = base[:, ::2]
    shared, call = _convert(exercise, a, True)
    _assert_shares(a, shared, call)
    copied, call = _convert(exercise, a, False)
    _assert_copied(a, copied, call)


def test_empty_array(exercise):
    """an empty (0, 3) array becomes an empty (0, 3) tensor either way"""
    for share in (True, False):
        _convert(exercise, np.zeros((0, 3)), share)
