"""Wrong: assigns p.data a brand-new tensor instead of updating p in place (new memory)."""

from collections.abc import Iterable

import torch
from torch import Tensor


def sgd_step(params: Iterable[Tensor], lr: float) -> None:
    for p in params:
        if p.grad is None:
            continue
        p.data = p.data - lr * p.grad
        p.grad = None
