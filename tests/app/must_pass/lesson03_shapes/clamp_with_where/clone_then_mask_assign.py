"""In place on a clone: out[out < low] = low (x itself untouched)."""

import torch


def clamp_with_where(x: torch.Tensor, low: float, high: float) -> torch.Tensor:
    out = x.clone()
    out[out < low] = low
    out[out > high] = high
    return out
