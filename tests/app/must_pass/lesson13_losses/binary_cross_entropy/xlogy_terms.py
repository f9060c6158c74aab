"""The two log terms with torch.xlogy, and torch.clamp as a function."""

import torch
from torch import Tensor


def binary_cross_entropy(p: Tensor, y: Tensor, eps: float = 1e-7) -> Tensor:
    if tuple(p.shape) != tuple(y.shape):
        raise ValueError("p and y must have the same shape")
    q = torch.clamp(p, min=eps, max=1 - eps)
    return torch.mean(-(torch.xlogy(y, q) + torch.xlogy(1 - y, 1 - q)))
