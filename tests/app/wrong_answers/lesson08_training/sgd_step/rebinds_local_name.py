"""Wrong: `p = p - lr * p.grad` makes a new tensor and rebinds a local name; nothing is updated."""

from collections.abc import Iterable

import torch
from torch import Tensor


def sgd_step(params: Iterable[Tensor], lr: float) -> None:
    with torch.no_grad():
        for p in params:
            if p.grad is None:
                continue
            grad = p.grad
            p.grad = None
            p = p - lr * grad
