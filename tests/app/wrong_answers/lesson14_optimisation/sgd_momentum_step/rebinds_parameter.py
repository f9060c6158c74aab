"""Wrong: assigns p.data = p - lr * buf: new memory, not an in-place update."""

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
            if i not in state:
                state[i] = g.clone()
            else:
                state[i] = momentum * state[i] + g
            p.data = p - lr * state[i]
