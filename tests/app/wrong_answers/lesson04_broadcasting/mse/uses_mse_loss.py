"""Mistake: checks the shapes but then calls nn.MSELoss, which the exercise rules out."""

import torch
from torch import nn


def mse(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean squared error."""
    for t in (y_hat, y):
        if not (t.dim() == 1 or (t.dim() == 2 and t.shape[1] == 1)):
            raise ValueError(f"bad shape {tuple(t.shape)}")
    if y_hat.shape[0] != y.shape[0]:
        raise ValueError("different numbers of samples")
    return nn.MSELoss()(y_hat.reshape(-1), y.reshape(-1))
