"""torch.autograd.grad with tuple unpacking and set_grad_enabled(True)."""

import torch
from torch import Tensor


def grad_of(f, x: Tensor) -> Tensor:
    with torch.set_grad_enabled(True):
        z = x.detach().requires_grad_()
        (g,) = torch.autograd.grad(f(z), z)
    return g
