"""Wrong: torch.where(cond, a, b) takes a where cond is True; the branches are swapped."""

import torch


def clamp_with_where(x: torch.Tensor, low: float, high: float) -> torch.Tensor:
    x = torch.where(x < low, x, low)
    return torch.where(x > high, x, high)
