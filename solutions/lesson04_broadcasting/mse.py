"""Lesson 04, exercise 5: a mean squared error that cannot broadcast by accident."""

import torch


def _as_vector(t: torch.Tensor, name: str) -> torch.Tensor:
    if t.dim() == 2 and t.shape[1] == 1:
        return t[:, 0]
    if t.dim() == 1:
        return t
    raise ValueError(f"{name} must have shape (N,) or (N, 1), got {tuple(t.shape)}")


def mse(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean of (y_hat[i] - y[i])**2 over the N samples; shapes (N,) or (N, 1) in any mix."""
    y_hat, y = _as_vector(y_hat, "y_hat"), _as_vector(y, "y")
    if y_hat.shape != y.shape:
        raise ValueError(f"y_hat has {len(y_hat)} samples but y has {len(y)}")
    return ((y_hat - y) ** 2).mean()
