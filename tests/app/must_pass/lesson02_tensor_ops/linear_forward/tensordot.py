"""torch.tensordot over X's last dim and W's dim 1."""

import torch


def linear_forward(X: torch.Tensor, W: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.tensordot(X, W, dims=([-1], [1])) + b
