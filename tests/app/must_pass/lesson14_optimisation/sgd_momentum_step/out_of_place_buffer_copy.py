"""Buffers rebuilt out of place each step, keyed by id(p); p.copy_(p - lr * buf)."""

from collections.abc import Sequence
from typing import Any

import torch
from torch import Tensor


def sgd_momentum_step(params: Sequence[Tensor], state: dict[Any, Any], lr: float,
                      momentum: float = 0.9, weight_decay: float = 0.0) -> None:
    for name, value in (("lr", lr), ("momentum", momentum), ("weight_decay", weight_decay)):
        if value < 0:
            raise ValueError(f"{name} must be >= 0, got {value}")
    for p in params:
        if p.grad is None:
            continue
        with torch.no_grad():
            g = p.grad + weight_decay * p
            buf = state.get(id(p))
            buf = g.detach().clone() if buf is None else momentum * buf + g
            state[id(p)] = buf
            p.copy_(p - lr * buf)
