"""Powers by broadcasting x[:, None] ** arange(4), sums over dim 0."""

import torch
from torch import Tensor


def cubic_grads(x: Tensor, y: Tensor, a: Tensor, b: Tensor, c: Tensor,
                d: Tensor) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    powers = x[:, None] ** torch.arange(4, device=x.device)
    y_hat = a + b * x + c * x ** 2 + d * x ** 3
    grads = (2 * (y_hat - y)[:, None] * powers).sum(dim=0)
    return tuple(grads[i] for i in range(4))
