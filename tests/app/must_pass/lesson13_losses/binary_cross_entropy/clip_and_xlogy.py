"""torch.clip, then torch.xlogy for y·log p; the minus sign outside the mean."""

import torch
from torch import Tensor


def binary_cross_entropy(p: Tensor, y: Tensor, eps: float = 1e-7) -> Tensor:
    if p.shape != y.shape:
        raise ValueError(f"p {tuple(p.shape)} and y {tuple(y.shape)} differ in shape")
    q = torch.clip(p, eps, 1 - eps)
    return -(torch.xlogy(y, q) + torch.xlogy(1 - y, 1 - q)).mean()
