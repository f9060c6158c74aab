"""The update as p.add_(p.grad, alpha=-lr) and an early `continue`."""

from collections.abc import Iterable

import torch
from torch import Tensor


def sgd_step(params: Iterable[Tensor], lr: float) -> None:
    for p in params:
        if p.grad is None:
            continue
        with torch.no_grad():
            p.add_(p.grad, alpha=-lr)
        p.grad = None
