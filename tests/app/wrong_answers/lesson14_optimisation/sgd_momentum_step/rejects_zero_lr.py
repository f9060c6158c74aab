"""Wrong: refuses lr = 0 (`lr <= 0`), which is valid: only a negative value is not."""

from collections.abc import Sequence
from typing import Any

import torch
from torch import Tensor


def sgd_momentum_step(params: Sequence[Tensor], state: dict[Any, Any], lr: float,
                      momentum: float = 0.9, weight_decay: float = 0.0) -> None:
    """One step of torch.optim.SGD(lr, momentum, weight_decay) on params, in place."""
    if lr <= 0 or momentum < 0 or weight_decay < 0:
        raise ValueError(f"lr, momentum and weight_decay must be >= 0, got {lr}, {momentum}, "
                         f"{weight_decay}")
    with torch.no_grad():
        for i, p in enumerate(params):
            if p.grad is None:
                continue
            g = p.grad + weight_decay * p          # L2: the decay rides along with the gradient
            if i not in state:
                state[i] = g.clone()               # first step: the buffer is the gradient
            else:
                state[i].mul_(momentum).add_(g)
            p.sub_(lr * state[i])
