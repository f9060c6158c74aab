"""A column of row offsets plus a row of column indices, by broadcasting."""

import torch


def make_grid(rows: int, cols: int) -> torch.Tensor:
    return torch.arange(rows)[:, None] * cols + torch.arange(cols)
