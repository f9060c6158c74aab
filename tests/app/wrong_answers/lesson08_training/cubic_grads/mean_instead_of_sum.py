"""Wrong: differentiates the MEAN squared error, but the loss is the SUM (off by a factor N)."""

import torch
from torch import Tensor


def cubic_grads(x: Tensor, y: Tensor, a: Tensor, b: Tensor, c: Tensor,
                d: Tensor) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    y_hat = a + b * x + c * x**2 + d * x**3
    g = 2 * (y_hat - y)
    return g.mean(), (g * x).mean(), (g * x**2).mean(), (g * x**3).mean()
