"""X @ W.mT + b (mT: the matrix transpose of the last two dims)."""

import torch


def linear_forward(X: torch.Tensor, W: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return X @ W.mT + b
