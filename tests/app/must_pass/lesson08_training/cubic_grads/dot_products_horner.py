"""Horner's rule for y_hat and torch.dot for each sum."""

import torch
from torch import Tensor


def cubic_grads(x: Tensor, y: Tensor, a: Tensor, b: Tensor, c: Tensor,
                d: Tensor) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    y_hat = a + x * (b + x * (c + x * d))
    g = 2.0 * (y_hat - y)
    x2 = x * x
    return g.sum(), torch.dot(g, x), torch.dot(g, x2), torch.dot(g, x2 * x)
