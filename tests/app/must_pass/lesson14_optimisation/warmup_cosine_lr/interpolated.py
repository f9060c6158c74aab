"""Both phases as interpolations between two rates, validated with one table of conditions."""

import math


def warmup_cosine_lr(epoch: int, base_lr: float, warmup_epochs: int, total_epochs: int,
                     start_factor: float = 0.1, eta_min: float = 0.0) -> float:
    conditions = {"0 <= warmup_epochs < total_epochs": 0 <= warmup_epochs < total_epochs,
                  "0 <= epoch <= total_epochs": 0 <= epoch <= total_epochs,
                  "0 < start_factor <= 1": 0 < start_factor <= 1,
                  "base_lr > 0": base_lr > 0, "0 <= eta_min <= base_lr": 0 <= eta_min <= base_lr}
    broken = [text for text, ok in conditions.items() if not ok]
    if broken:
        raise ValueError("need " + ", ".join(broken))
    if epoch < warmup_epochs:
        start = start_factor * base_lr
        return start + (base_lr - start) * (epoch / warmup_epochs)
    fraction = (epoch - warmup_epochs) / (total_epochs - warmup_epochs)
    weight = 0.5 * (1.0 + math.cos(math.pi * fraction))
    return eta_min + weight * (base_lr - eta_min)
