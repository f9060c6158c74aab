"""Lesson 13, exercise 2: binary cross-entropy on probabilities, clipped."""

import torch
from torch import Tensor


def binary_cross_entropy(p: Tensor, y: Tensor, eps: float = 1e-7) -> Tensor:
    """Mean of -(y log p + (1 - y) log(1 - p)) with p clipped to [eps, 1 - eps]."""
    if p.shape != y.shape:
        raise ValueError(f"p has shape {tuple(p.shape)} but y has {tuple(y.shape)}; "
                         "they must match (no broadcasting)")
    p = p.clamp(eps, 1 - eps)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
