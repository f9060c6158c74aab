"""@torch.no_grad() as a decorator, buffers in a nested dict, p.add_(buf, alpha=-lr)."""

from collections.abc import Sequence
from typing import Any

import torch
from torch import Tensor


@torch.no_grad()
def sgd_momentum_step(params: Sequence[Tensor], state: dict[Any, Any], lr: float,
                      momentum: float = 0.9, weight_decay: float = 0.0) -> None:
    if min(lr, momentum, weight_decay) < 0:
        raise ValueError("lr, momentum and weight_decay must be non-negative")
    buffers = state.setdefault("momentum_buffer", {})
    for i, p in enumerate(params):
        if p.grad is None:
            continue
        g = p.grad.add(p, alpha=weight_decay)
        if i in buffers:
            buffers[i].mul_(momentum).add_(g)
        else:
            buffers[i] = torch.clone(g).detach()
        p.add_(buffers[i], alpha=-lr)
