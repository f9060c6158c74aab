"""State keyed by the parameter's index; torch.add(alpha=) and p.add_(buf, alpha=-lr)."""

from collections.abc import Sequence
from typing import Any

import torch
from torch import Tensor


def sgd_momentum_step(params: Sequence[Tensor], state: dict[Any, Any], lr: float,
                      momentum: float = 0.9, weight_decay: float = 0.0) -> None:
    if lr < 0 or momentum < 0 or weight_decay < 0:
        raise ValueError("lr, momentum and weight_decay must be >= 0")
    with torch.no_grad():
        for i, p in enumerate(params):
            if p.grad is None:
                continue
            g = torch.add(p.grad, p, alpha=weight_decay)
            if i not in state:
                state[i] = g.clone()
            else:
                state[i].mul_(momentum).add_(g)
            p.add_(state[i], alpha=-lr)
