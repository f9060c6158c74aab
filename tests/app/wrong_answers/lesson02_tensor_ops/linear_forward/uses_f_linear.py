"""Wrong: calls F.linear, which the exercise rules out."""

import torch
import torch.nn.functional as F


def linear_forward(X: torch.Tensor, W: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return F.linear(X, W, b)
