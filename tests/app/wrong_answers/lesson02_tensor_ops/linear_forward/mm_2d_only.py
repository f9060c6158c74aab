"""Wrong: torch.mm only takes 2-D matrices, so X with extra leading dims fails."""

import torch


def linear_forward(X: torch.Tensor, W: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.mm(X, W.t()) + b
