"""Wrong: correct outside no_grad, but fails when the caller is inside torch.no_grad()."""

from collections.abc import Callable

import torch
from torch import Tensor


def grad_of(f: Callable[[Tensor], Tensor], x: Tensor) -> Tensor:
    leaf = x.detach().requires_grad_(True)
    (grad,) = torch.autograd.grad(f(leaf), leaf)
    return grad
