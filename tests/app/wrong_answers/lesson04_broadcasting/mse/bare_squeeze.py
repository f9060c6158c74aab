"""Mistake: a bare .squeeze() on both inputs, with no shape checks; (1, N) and 0-d slip through."""

import torch


def mse(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean squared error."""
    return ((y_hat.squeeze() - y.squeeze()) ** 2).mean()
