"""torch.no_grad around the whole loop, p.copy_(p - lr * p.grad), a list of params first."""

from collections.abc import Iterable

import torch
from torch import Tensor


def sgd_step(params: Iterable[Tensor], lr: float) -> None:
    with torch.no_grad():
        for p in [q for q in params if q.grad is not None]:
            p.copy_(p - lr * p.grad)
            p.grad = None
