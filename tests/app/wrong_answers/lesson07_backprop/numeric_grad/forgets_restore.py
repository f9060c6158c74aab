"""Wrong: nudges x[i] up by eps and down by 2·eps but never puts it back, so x drifts."""

import itertools
from collections.abc import Callable

import torch
from torch import Tensor


def numeric_grad(f: Callable[[Tensor], Tensor], x: Tensor, eps: float = 1e-6) -> Tensor:
    grad = torch.zeros_like(x)
    for index in itertools.product(*map(range, x.shape)):
        x[index] += eps
        f_plus = float(f(x))
        x[index] -= 2 * eps
        f_minus = float(f(x))
        grad[index] = (f_plus - f_minus) / (2 * eps)
    return grad
