"""Wrong: returns Python floats from .item() instead of 0-dim tensors."""

import torch
from torch import Tensor


def cubic_grads(x: Tensor, y: Tensor, a: Tensor, b: Tensor, c: Tensor,
                d: Tensor) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    g = 2 * (a + b * x + c * x**2 + d * x**3 - y)
    return g.sum().item(), (g * x).sum().item(), (g * x**2).sum().item(), (g * x**3).sum().item()
