"""Wrong: differentiates the caller's x itself and returns x.grad, leaving a gradient on it."""

from collections.abc import Callable

import torch
from torch import Tensor


def second_derivative(f: Callable[[Tensor], Tensor], x: Tensor) -> Tensor:
    x.requires_grad_(True)
    (dy,) = torch.autograd.grad(f(x).sum(), x, create_graph=True)
    if not dy.requires_grad:
        return torch.zeros_like(x)
    dy.sum().backward()
    return x.grad
