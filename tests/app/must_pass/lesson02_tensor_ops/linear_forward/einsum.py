"""torch.einsum over the input features."""

import torch


def linear_forward(X: torch.Tensor, W: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.einsum("...i,oi->...o", X, W) + b
