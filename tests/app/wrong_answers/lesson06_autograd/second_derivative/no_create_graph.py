"""Wrong: the first grad call lacks create_graph=True, so the derivative cannot be differentiated."""

from collections.abc import Callable

import torch
from torch import Tensor


def second_derivative(f: Callable[[Tensor], Tensor], x: Tensor) -> Tensor:
    x = x.detach().requires_grad_(True)
    (dy,) = torch.autograd.grad(f(x).sum(), x)
    (d2y,) = torch.autograd.grad(dy.sum(), x)
    return d2y
