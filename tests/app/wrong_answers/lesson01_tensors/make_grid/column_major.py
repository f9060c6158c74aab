"""Wrong: fills the grid column by column (out[i, j] = j * rows + i)."""

import torch


def make_grid(rows: int, cols: int) -> torch.Tensor:
    return torch.arange(rows * cols).reshape(cols, rows).T
