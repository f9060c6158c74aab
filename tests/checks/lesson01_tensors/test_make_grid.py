"""Checks for lesson01/make_grid."""

import pytest
import torch

from tutor.testing import assert_equal, describe_call, require_function


def test_small_example(exercise):
    """make_grid(2, 3) is [[0, 1, 2], [3, 4, 5]]"""
    make_grid = require_function(exercise, "make_grid")
    got = make_grid(2, 3)
    assert_equal(got, torch.tensor([[0, 1, 2], [3, 4, 5]]), call=describe_call("make_grid", 2, 3))


@pytest.mark.parametrize("rows, cols", [(1, 1), (1, 7), (5, 1), (4, 6)])
def test_shape_and_values(exercise, rows, cols):
    """out[i, j] == i * cols + j for several sizes, including size-1 rows and columns"""
    got = exercise.make_grid(rows, cols)
    expected = torch.tensor([[i * cols + j for j in range(cols)] for i in range(rows)],
                            dtype=torch.int64)
    assert_equal(got, expected, call=describe_call("make_grid", rows, cols))


def test_empty(exercise):
    """make_grid(0, 4) is an empty (0, 4) int64 tensor"""
    got = exercise.make_grid(0, 4)
    assert_equal(got, torch.zeros(0, 4, dtype=torch.int64), call=describe_call("make_grid", 0, 4),
                 hint="an empty grid still has a shape: (0, 4).")
