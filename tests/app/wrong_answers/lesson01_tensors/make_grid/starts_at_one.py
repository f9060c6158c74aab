"""Wrong: counts from 1 to rows*cols instead of from 0."""

import torch


def make_grid(rows: int, cols: int) -> torch.Tensor:
    return torch.arange(1, rows * cols + 1).reshape(rows, cols)
