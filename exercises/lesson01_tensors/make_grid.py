"""Lesson 01, exercise 1: a grid of consecutive integers."""

import torch


def make_grid(rows: int, cols: int) -> torch.Tensor:
    """Return the integers 0 .. rows*cols - 1 laid out row by row.

    Args:
        rows: number of rows (>= 0).
        cols: number of columns (>= 0).

    Returns:
        An int64 tensor of shape (rows, cols) with ``out[i, j] == i * cols + j``.

    Example:
        >>> make_grid(2, 3)
        tensor([[0, 1, 2],
                [3, 4, 5]])
    """
    # TODO: create the numbers in one call, then give them the shape (rows, cols).
    raise NotImplementedError("make_grid: not written yet")
