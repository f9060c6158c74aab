"""y[i].backward(retain_graph=True) per row, copying z.grad into J and clearing it."""

import torch
from torch import Tensor


def jacobian(f, x: Tensor) -> Tensor:
    with torch.enable_grad():
        z = x.detach().clone().requires_grad_(True)
        y = f(z)
        J = x.new_zeros(y.shape[0], x.shape[0])
        for i in range(y.shape[0]):
            z.grad = None
            y[i].backward(retain_graph=True)
            J[i] = z.grad
    return J
