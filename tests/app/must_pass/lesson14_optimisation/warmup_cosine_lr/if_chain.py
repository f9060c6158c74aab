"""Validation by one boolean expression; the two branches with math.cos and math.pi."""

import math


def warmup_cosine_lr(epoch: int, base_lr: float, warmup_epochs: int, total_epochs: int,
                     start_factor: float = 0.1, eta_min: float = 0.0) -> float:
    W, T = warmup_epochs, total_epochs
    ok = (0 <= W < T and 0 <= epoch <= T and base_lr > 0 and 0 < start_factor <= 1
          and 0 <= eta_min <= base_lr)
    if not ok:
        raise ValueError("an argument is out of range")
    if epoch < W:
        return base_lr * (start_factor + (1 - start_factor) * epoch / W)
    progress = (epoch - W) / (T - W)
    return eta_min + 0.5 * (base_lr - eta_min) * (1 + math.cos(math.pi * progress))
