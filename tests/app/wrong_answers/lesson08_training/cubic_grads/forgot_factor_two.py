"""Wrong: forgets the factor 2 from d/dy_hat (y_hat - y)^2 = 2 (y_hat - y)."""

import torch
from torch import Tensor


def cubic_grads(x: Tensor, y: Tensor, a: Tensor, b: Tensor, c: Tensor,
                d: Tensor) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    r = a + b * x + c * x**2 + d * x**3 - y
    return r.sum(), (r * x).sum(), (r * x**2).sum(), (r * x**3).sum()
