"""Mistake: flattens both inputs with reshape(-1) and never checks the shapes."""

import torch


def mse(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean squared error."""
    if y_hat.numel() != y.numel():
        raise ValueError("different numbers of samples")
    return ((y_hat.reshape(-1) - y.reshape(-1)) ** 2).mean()
