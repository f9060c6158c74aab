"""Checks for lesson09/xy_dataset."""

import math
import warnings

import pytest
import torch
from torch.utils.data import DataLoader

from tutor.testing import (
    assert_close,
    assert_value,
    describe,
    draw_int,
    require_function,
)

ADDER_X = [[1, 2], [3, 4], [5, 6], [7, 8]]
ADDER_Y = [[3], [7], [11], [15]]


def _numbered(n: int) -> tuple[torch.Tensor, torch.Tensor]:
    """X row i is [i, i + 0.5]; y[i] = i, so a batch tells which rows it holds."""
    idx = torch.arange(n, dtype=torch.float32)
    return torch.stack([idx, idx + 0.5], dim=1), idx


def _order(loader) -> list[int]:
    return [int(v) for _, y in loader for v in y]


def test_small_example(exercise):
    """the seed's adder data: len 4, ds[0] == (tensor([1., 2.]), tensor([3.]))"""
    XYDataset = require_function(exercise, "XYDataset")
    ds = XYDataset(ADDER_X, ADDER_Y)
    assert_value(len(ds), 4, call="len(XYDataset(<4 rows>, <4 rows>))")
    item = ds[0]
    assert isinstance(item, tuple) and len(item) == 2, (
        f"XYDataset(...)[0] returned {describe(item)}; expected a pair (X[0], y[0]).")
    assert_close(item[0], torch.tensor([1.0, 2.0]), call="XYDataset(...)[0][0]")
    assert_close(item[1], torch.tensor([3.0]), call="XYDataset(...)[0][1]")


def test_items_are_float32(exercise):
    """integer lists become float32 tensors (nn.Linear needs float inputs)"""
    ds = exercise.XYDataset(ADDER_X, ADDER_Y)
    X3, y3 = ds[3]
    hint = ("torch.as_tensor(X, dtype=torch.float32): an int64 input to nn.Linear fails with "
            "'mat1 and mat2 must have the same dtype'.")
    assert_close(X3, torch.tensor([7.0, 8.0]), call="XYDataset(ADDER_X, ADDER_Y)[3][0]",
                 hint=hint)
    assert_close(y3, torch.tensor([15.0]), call="XYDataset(ADDER_X, ADDER_Y)[3][1]", hint=hint)


def test_random_rows(exercise, rng):
    """len and every item match the rows of random float64 tensors (stored as float32)"""
    n = draw_int(rng, 1, 11, name="n")
    X = torch.randn(n, 3, generator=rng, dtype=torch.float64)
    y = torch.randn(n, generator=rng, dtype=torch.float64)
    ds = exercise.XYDataset(X, y)
    assert_value(len(ds), n, call=f"len(XYDataset(<{n} rows>, <{n} values>))")
    for i in range(n):
        got_x, got_y = ds[i]
        assert_close(got_x, X[i].float(), call=f"XYDataset(X, y)[{i}][0]")
        assert_close(got_y, y[i].float(), call=f"XYDataset(X, y)[{i}][1]")


def test_tensor_input_without_warning(exercise, rng):
    """accepts tensors without the 'copy construct' UserWarning"""
    X = torch.randn(5, 2, generator=rng)
    y = torch.randn(5, 1, generator=rng)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            ds = exercise.XYDataset(X, y)
        except UserWarning as warning:
            raise AssertionError(
                f"XYDataset(<tensor>, <tensor>) warned: {str(warning)[:90]}...\nHint: "
                "torch.tensor(t) copies a tensor and warns; torch.as_tensor(t, "
                "dtype=torch.float32) takes lists and tensors alike.") from None
    assert_close(ds[4][0], X[4], call="XYDataset(X, y)[4][0]")


def test_length_mismatch_raises(exercise):
    """raises ValueError when X and y have different numbers of rows"""
    with pytest.raises(ValueError):
        exercise.XYDataset(torch.zeros(5, 2), torch.zeros(4))
        raise AssertionError("XYDataset(<5 rows>, <4 rows>) did not raise; expected a "
                             "ValueError naming both lengths (a silent mismatch pairs the "
                             "wrong labels with the inputs, or fails later in the loader).")


def test_loader_batches(exercise):
    """make_loader(ds, 2) on the adder data gives 2 batches: X (2, 2), y (2, 1)"""
    make_loader = require_function(exercise, "make_loader")
    loader = make_loader(exercise.XYDataset(ADDER_X, ADDER_Y), batch_size=2)
    assert isinstance(loader, DataLoader), (
        f"make_loader(...) returned {describe(loader)}; expected a torch DataLoader.")
    batches = list(loader)
    assert_value(len(batches), 2, call="the number of batches of make_loader(ds, batch_size=2)")
    X0, y0 = batches[0]
    assert_close(X0, torch.tensor([[1.0, 2.0], [3.0, 4.0]]), call="the first batch's X")
    assert_close(y0, torch.tensor([[3.0], [7.0]]), call="the first batch's y")


def test_short_last_batch(exercise, rng):
    """a last batch shorter than batch_size is kept: N=7, batch 3 -> sizes [3, 3, 1]"""
    n, b = 7, 3
    loader = exercise.make_loader(exercise.XYDataset(*_numbered(n)), batch_size=b)
    sizes = [len(y) for _, y in loader]
    assert_value(sizes, [3, 3, 1], call="batch sizes of make_loader(<7 examples>, batch_size=3)",
                 hint="keep drop_last=False (the default): every example is seen each epoch.")
    assert_value(len(loader), math.ceil(n / b), call="len(make_loader(<7 examples>, 3))")


def test_no_shuffle_keeps_order(exercise):
    """shuffle=False keeps the dataset order"""
    loader = exercise.make_loader(exercise.XYDataset(*_numbered(10)), batch_size=4)
    assert_value(_order(loader), list(range(10)), call="order of make_loader(ds, 4)")


def test_shuffle_is_a_permutation(exercise):
    """shuffle=True visits every example exactly once per epoch"""
    loader = exercise.make_loader(exercise.XYDataset(*_numbered(23)), batch_size=5,
                                  shuffle=True, seed=3)
    order = _order(loader)
    assert_value(sorted(order), list(range(23)),
                 call="sorted(order of make_loader(<23 examples>, 5, shuffle=True))")
    assert order != list(range(23)), "make_loader(..., shuffle=True) did not shuffle."


def test_same_seed_same_order(exercise):
    """the same seed gives the same order; another seed gives another order"""
    ds = exercise.XYDataset(*_numbered(50))
    first = _order(exercise.make_loader(ds, batch_size=8, shuffle=True, seed=7))
    again = _order(exercise.make_loader(ds, batch_size=8, shuffle=True, seed=7))
    assert first == again, (
        "two loaders made with seed=7 gave different orders.\nHint: pass "
        "generator=torch.Generator().manual_seed(seed) to DataLoader; without it the order "
        "comes from the global random state, which changes every time it is used.")
    other = _order(exercise.make_loader(ds, batch_size=8, shuffle=True, seed=8))
    assert other != first, "seeds 7 and 8 gave the same order: the seed is not used."


def test_default_seed_is_zero(exercise):
    """without a seed, shuffle=True gives the order of seed=0 (the stub's default)"""
    ds = exercise.XYDataset(*_numbered(30))
    default = _order(exercise.make_loader(ds, batch_size=6, shuffle=True))
    zero = _order(exercise.make_loader(ds, batch_size=6, shuffle=True, seed=0))
    assert default == zero, (
        "make_loader(ds, 6, shuffle=True) gave another order than make_loader(..., seed=0); "
        "the contract's default seed is 0, so the two must agree.")
