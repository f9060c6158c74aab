"""Wrong: anneals to 0 whatever eta_min is."""

import math


def warmup_cosine_lr(epoch: int, base_lr: float, warmup_epochs: int, total_epochs: int,
                     start_factor: float = 0.1, eta_min: float = 0.0) -> float:
    """The learning rate of one epoch: linear warmup from start_factor * base_lr, then cosine."""
    if not 0 <= warmup_epochs < total_epochs:
        raise ValueError(f"need 0 <= warmup_epochs < total_epochs, got {warmup_epochs}, "
                         f"{total_epochs}")
    if not 0 <= epoch <= total_epochs:
        raise ValueError(f"epoch must be in [0, {total_epochs}], got {epoch}")
    if not 0 < start_factor <= 1:
        raise ValueError(f"start_factor must be in (0, 1], got {start_factor}")
    if not 0 <= eta_min <= base_lr or base_lr <= 0:
        raise ValueError(f"need base_lr > 0 and 0 <= eta_min <= base_lr, got {base_lr}, "
                         f"{eta_min}")
    if epoch < warmup_epochs:
        return base_lr * (start_factor + (1 - start_factor) * epoch / warmup_epochs)
    progress = (epoch - warmup_epochs) / (total_epochs - warmup_epochs)
    return base_lr * (1 + math.cos(math.pi * progress)) / 2
