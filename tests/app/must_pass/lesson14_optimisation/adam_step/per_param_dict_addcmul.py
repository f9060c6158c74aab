"""torch.optim's own idioms: lerp_ for m, mul_().addcmul_() for v, addcdiv_ for the step."""

from collections.abc import Sequence
from typing import Any

import torch
from torch import Tensor


def adam_step(params: Sequence[Tensor], state: dict[Any, Any], lr: float = 1e-3,
              betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
              weight_decay: float = 0.0, decoupled: bool = False) -> None:
    beta1, beta2 = betas
    if lr < 0 or eps < 0 or weight_decay < 0:
        raise ValueError("lr, eps and weight_decay must be >= 0")
    if not (0 <= beta1 < 1 and 0 <= beta2 < 1):
        raise ValueError("betas must be in [0, 1)")
    with torch.no_grad():
        for i, p in enumerate(params):
            if p.grad is None:
                continue
            s = state.setdefault(i, {"t": 0, "m": torch.zeros_like(p),
                                     "v": torch.zeros_like(p)})
            g = p.grad
            if decoupled:
                p.mul_(1 - lr * weight_decay)
            elif weight_decay:
                g = g.add(p, alpha=weight_decay)
            s["t"] += 1
            s["m"].lerp_(g, 1 - beta1)
            s["v"].mul_(beta2).addcmul_(g, g, value=1 - beta2)
            m_hat = s["m"] / (1 - beta1 ** s["t"])
            denom = (s["v"] / (1 - beta2 ** s["t"])).sqrt().add_(eps)
            p.addcdiv_(m_hat, denom, value=-lr)
