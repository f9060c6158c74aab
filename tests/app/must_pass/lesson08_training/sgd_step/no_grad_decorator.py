"""@torch.no_grad() as a decorator, and p -= lr * p.grad."""

from collections.abc import Iterable

import torch
from torch import Tensor


@torch.no_grad()
def sgd_step(params: Iterable[Tensor], lr: float) -> None:
    for p in params:
        if p.grad is None:
            continue
        p -= lr * p.grad
        p.grad = None
