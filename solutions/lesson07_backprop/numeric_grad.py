"""Lesson 07, exercise 1: a numeric gradient by central differences."""

import itertools
from collections.abc import Callable

import torch
from torch import Tensor


def numeric_grad(f: Callable[[Tensor], Tensor], x: Tensor, eps: float = 1e-6) -> Tensor:
    """Central differences (f(x + eps·e_i) − f(x − eps·e_i)) / 2eps for every element of x."""
    grad = torch.zeros_like(x)
    for index in itertools.product(*map(range, x.shape)):   # every element, any shape
        saved = x[index].item()
        x[index] = saved + eps
        f_plus = float(f(x))
        x[index] = saved - eps
        f_minus = float(f(x))
        x[index] = saved                                     # put back the exact value
        grad[index] = (f_plus - f_minus) / (2 * eps)
    return grad
