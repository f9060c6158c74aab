"""Mistake: the one-liner; an (N, 1) y_hat against an (N,) y broadcasts to (N, N)."""

import torch


def mse(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean squared error."""
    return ((y_hat - y) ** 2).mean()
