"""Wrong: the result is built with torch.zeros(x.shape), which is float32, not x's float64."""

import itertools
from collections.abc import Callable

import torch
from torch import Tensor


def numeric_grad(f: Callable[[Tensor], Tensor], x: Tensor, eps: float = 1e-6) -> Tensor:
    grad = torch.zeros(x.shape)
    for index in itertools.product(*map(range, x.shape)):
        saved = x[index].item()
        x[index] = saved + eps
        f_plus = float(f(x))
        x[index] = saved - eps
        f_minus = float(f(x))
        x[index] = saved
        grad[index] = (f_plus - f_minus) / (2 * eps)
    return grad
