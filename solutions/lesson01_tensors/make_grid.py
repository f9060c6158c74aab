"""Lesson 01, exercise 1: a grid of consecutive integers."""

import torch


def make_grid(rows: int, cols: int) -> torch.Tensor:
    """The integers 0 .. rows*cols - 1 as an int64 (rows, cols) tensor, row by row."""
    return torch.arange(rows * cols).reshape(rows, cols)
