"""Validate each argument by ndim/shape, reshape(-1) both, torch.square then mean."""

import torch


def _column(t: torch.Tensor, name: str) -> torch.Tensor:
    if t.dim() == 1 or (t.dim() == 2 and t.shape[1] == 1):
        return t.reshape(-1)
    raise ValueError(f"{name} has shape {tuple(t.shape)}; expected (N,) or (N, 1)")


def mse(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    a, b = _column(y_hat, "y_hat"), _column(y, "y")
    if a.shape != b.shape:
        raise ValueError("y_hat and y hold different numbers of samples")
    return torch.mean(torch.square(a - b))
