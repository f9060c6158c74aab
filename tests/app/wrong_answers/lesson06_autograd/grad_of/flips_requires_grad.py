"""Wrong: uses autograd.grad but turns on requires_grad on the caller's own tensor."""

from collections.abc import Callable

import torch
from torch import Tensor


def grad_of(f: Callable[[Tensor], Tensor], x: Tensor) -> Tensor:
    x.requires_grad_(True)
    (grad,) = torch.autograd.grad(f(x), x)
    return grad
