"""Checks for lesson01/make_grid."""

import pytest
import torch

from tutor.testing import (
    assert_equal,
    describe_call,
    random_shape,
    repeats,
    require_function,
)


def _spec(rows: int, cols: int) -> torch.Tensor:
    """The plain-loop definition: out[i, j] = i * cols + j."""
    return torch.tensor([[i * cols + j for j in range(cols)] for i in range(rows)],
                        dtype=torch.int64).reshape(rows, cols)


def test_small_example(exercise):
    """make_grid(2, 3) is [[0, 1, 2], [3, 4, 5]]"""
    make_grid = require_function(exercise, "make_grid")
    got = make_grid(2, 3)
    assert_equal(got, torch.tensor([[0, 1, 2], [3, 4, 5]]), call=describe_call("make_grid", 2, 3))


def test_row_by_row(exercise):
    """counts along each row first: make_grid(3, 4) has shape (3, 4) and row 1 is [4, 5, 6, 7]"""
    got = require_function(exercise, "make_grid")(3, 4)
    assert_equal(got, _spec(3, 4), call=describe_call("make_grid", 3, 4),
                 hint="out[i, j] must be i * cols + j: the numbers fill row 0 first, then "
                      "row 1. reshape(rows, cols) lays them out that way; a transposed "
                      "(cols, rows) grid does not.")


@pytest.mark.parametrize("rows, cols", [(1, 1), (1, 7), (5, 1), (4, 6)])
def test_shape_and_values(exercise, rows, cols):
    """out[i, j] == i * cols + j for several sizes, including size-1 rows and columns"""
    got = require_function(exercise, "make_grid")(rows, cols)
    assert_equal(got, _spec(rows, cols), call=describe_call("make_grid", rows, cols))


def test_random_sizes(exercise, rng):
    """out[i, j] == i * cols + j for random sizes"""
    make_grid = require_function(exercise, "make_grid")
    for _ in range(repeats(3)):
        rows, cols = random_shape(rng, 2, 1, 9, names="rows, cols")
        assert_equal(make_grid(rows, cols), _spec(rows, cols),
                     call=describe_call("make_grid", rows, cols))


def test_empty(exercise):
    """make_grid(0, 4) is an empty (0, 4) int64 tensor"""
    got = require_function(exercise, "make_grid")(0, 4)
    assert_equal(got, torch.zeros(0, 4, dtype=torch.int64), call=describe_call("make_grid", 0, 4),
                 hint="an empty grid still has a shape: (0, 4).")
