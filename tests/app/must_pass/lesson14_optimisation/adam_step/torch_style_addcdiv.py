"""torch.optim's own arrangement: lerp_ for m, step_size = lr / bias_correction1, addcdiv_."""

import math
from collections.abc import Sequence
from typing import Any

import torch
from torch import Tensor


def adam_step(params: Sequence[Tensor], state: dict[Any, Any], lr: float = 1e-3,
              betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
              weight_decay: float = 0.0, decoupled: bool = False) -> None:
    beta1, beta2 = betas
    checks = (lr >= 0, eps >= 0, weight_decay >= 0, 0 <= beta1 < 1, 0 <= beta2 < 1)
    if not all(checks):
        raise ValueError("invalid Adam hyperparameters")
    with torch.no_grad():
        for i, p in enumerate(params):
            if p.grad is None:
                continue
            s = state.get(i)
            if s is None:
                s = state[i] = {"step": 0, "exp_avg": torch.zeros_like(p),
                                "exp_avg_sq": torch.zeros_like(p)}
            s["step"] += 1
            grad = p.grad
            if decoupled:
                p.mul_(1 - lr * weight_decay)
            elif weight_decay:
                grad = grad.add(p, alpha=weight_decay)
            s["exp_avg"].lerp_(grad, 1 - beta1)
            s["exp_avg_sq"].mul_(beta2).addcmul_(grad, grad.conj(), value=1 - beta2)
            bias_correction1 = 1 - beta1 ** s["step"]
            bias_correction2 = 1 - beta2 ** s["step"]
            denom = (s["exp_avg_sq"].sqrt() / math.sqrt(bias_correction2)).add_(eps)
            p.addcdiv_(s["exp_avg"], denom, value=-lr / bias_correction1)
