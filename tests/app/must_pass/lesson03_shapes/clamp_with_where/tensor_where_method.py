"""Tensor.where(condition, other): keep x where the condition holds."""

import torch


def clamp_with_where(x: torch.Tensor, low: float, high: float) -> torch.Tensor:
    y = x.where(~(x < low), low)
    return y.where(~(y > high), high)
