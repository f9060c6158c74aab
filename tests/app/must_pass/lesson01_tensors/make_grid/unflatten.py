"""arange with an explicit dtype=torch.long, then unflatten(0, (rows, cols))."""

import torch


def make_grid(rows: int, cols: int) -> torch.Tensor:
    return torch.arange(rows * cols, dtype=torch.long).unflatten(0, (rows, cols))
