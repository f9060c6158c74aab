"""Wrong: moves p with the old momentum buffer, then adds this step's gradient to it."""

from collections.abc import Sequence
from typing import Any

import torch
from torch import Tensor


def sgd_momentum_step(params: Sequence[Tensor], state: dict[Any, Any], lr: float,
                      momentum: float = 0.9, weight_decay: float = 0.0) -> None:
    if lr < 0 or momentum < 0 or weight_decay < 0:
        raise ValueError("hyperparameters must be >= 0")
    with torch.no_grad():
        for i, p in enumerate(params):
            if p.grad is None:
                continue
            g = p.grad + weight_decay * p
            buf = state.setdefault(i, torch.zeros_like(p))
            p.sub_(lr * buf)
            buf.mul_(momentum).add_(g)
