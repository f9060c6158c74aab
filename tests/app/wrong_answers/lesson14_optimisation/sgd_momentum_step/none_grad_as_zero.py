"""Wrong: treats a missing gradient as zeros, so a skipped parameter still moves."""

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
            grad = p.grad if p.grad is not None else torch.zeros_like(p)
            g = grad + weight_decay * p
            if i not in state:
                state[i] = g.clone()
            else:
                state[i].mul_(momentum).add_(g)
            p.sub_(lr * state[i])
