"""Wrong: returns the first derivative f'(x) instead of differentiating a second time."""

from collections.abc import Callable

import torch
from torch import Tensor


def second_derivative(f: Callable[[Tensor], Tensor], x: Tensor) -> Tensor:
    x = x.detach().requires_grad_(True)
    (dy,) = torch.autograd.grad(f(x).sum(), x)
    return dy
