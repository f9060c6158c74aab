"""Wrong: central differences divided by eps instead of 2·eps (every gradient doubled)."""

import itertools
from collections.abc import Callable

import torch
from torch import Tensor


def numeric_grad(f: Callable[[Tensor], Tensor], x: Tensor, eps: float = 1e-6) -> Tensor:
    grad = torch.zeros_like(x)
    for index in itertools.product(*map(range, x.shape)):
        saved = x[index].item()
        x[index] = saved + eps
        f_plus = float(f(x))
        x[index] = saved - eps
        f_minus = float(f(x))
        x[index] = saved
        grad[index] = (f_plus - f_minus) / eps
    return grad
