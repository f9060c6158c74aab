"""masked_fill out of place, one comparison per limit (no torch.where call)."""

import torch


def clamp_with_where(x: torch.Tensor, low: float, high: float) -> torch.Tensor:
    return x.masked_fill(x < low, low).masked_fill(x > high, high)
