"""Wrong: refuses a beta of 0 (`0 < beta < 1`), although the range is [0, 1)."""

from collections.abc import Sequence
from typing import Any

import torch
from torch import Tensor


def adam_step(params: Sequence[Tensor], state: dict[Any, Any], lr: float = 1e-3,
              betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
              weight_decay: float = 0.0, decoupled: bool = False) -> None:
    """One step of torch.optim.Adam (decoupled=False) or AdamW (decoupled=True), in place."""
    beta1, beta2 = betas
    if lr < 0 or eps < 0 or weight_decay < 0 or not (0 < beta1 < 1 and 0 < beta2 < 1):
        raise ValueError(f"invalid hyperparameters: lr={lr}, betas={betas}, eps={eps}, "
                         f"weight_decay={weight_decay}")
    with torch.no_grad():
        for i, p in enumerate(params):
            if p.grad is None:
                continue
            if i not in state:
                state[i] = {"t": 0, "m": torch.zeros_like(p), "v": torch.zeros_like(p)}
            s = state[i]
            s["t"] += 1
            g = p.grad
            if decoupled:
                p.mul_(1 - lr * weight_decay)       # AdamW: shrink the weight itself
            else:
                g = g + weight_decay * p            # Adam: L2, divided by sqrt(v) below
            s["m"].mul_(beta1).add_(g, alpha=1 - beta1)
            s["v"].mul_(beta2).addcmul_(g, g, value=1 - beta2)
            m_hat = s["m"] / (1 - beta1 ** s["t"])
            v_hat = s["v"] / (1 - beta2 ** s["t"])
            p.sub_(lr * m_hat / (v_hat.sqrt() + eps))

