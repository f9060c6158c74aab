"""Lesson 08, exercise 2: one plain gradient-descent step."""

from collections.abc import Iterable

import torch
from torch import Tensor


def sgd_step(params: Iterable[Tensor], lr: float) -> None:
    """p -= lr * p.grad in place for every p that has a gradient, then p.grad = None."""
    with torch.no_grad():
        for p in params:
            if p.grad is None:
                continue
            p -= lr * p.grad
            p.grad = None
