"""Wrong: calls torch.clamp, which the exercise rules out."""

import torch


def clamp_with_where(x: torch.Tensor, low: float, high: float) -> torch.Tensor:
    return torch.clamp(x, low, high)
