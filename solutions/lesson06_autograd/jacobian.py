"""Lesson 06, exercise 4: a Jacobian, one vector-Jacobian product per row."""

from collections.abc import Callable

import torch
from torch import Tensor


def jacobian(f: Callable[[Tensor], Tensor], x: Tensor) -> Tensor:
    """J[i, j] = d f(x)[i] / d x[j] for x of shape (n,) and f(x) of shape (m,)."""
    x = x.detach().requires_grad_(True)
    y = f(x)
    rows = [torch.autograd.grad(y, x, grad_outputs=e, retain_graph=True)[0]
            for e in torch.eye(y.numel(), dtype=y.dtype, device=y.device)]
    return torch.stack(rows)
