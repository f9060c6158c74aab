"""Wrong: reshapes to (cols, rows) instead of (rows, cols)."""

import torch


def make_grid(rows: int, cols: int) -> torch.Tensor:
    return torch.arange(rows * cols).reshape(cols, rows)
