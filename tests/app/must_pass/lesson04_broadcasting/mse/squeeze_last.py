"""squeeze(-1) on (N, 1) inputs, .pow(2).sum() / N."""

import torch


def mse(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    for t in (y_hat, y):
        if not (t.ndim == 1 or (t.ndim == 2 and t.size(1) == 1)):
            raise ValueError(f"bad shape {tuple(t.shape)}")
    y_hat = y_hat.squeeze(-1) if y_hat.ndim == 2 else y_hat
    y = y.squeeze(-1) if y.ndim == 2 else y
    if len(y_hat) != len(y):
        raise ValueError("different numbers of samples")
    return (y_hat - y).pow(2).sum() / len(y)
