"""Mistake: x[lengths - 1] indexes only the time axis, giving (B, B, H) instead of (B, H)."""

import torch


def last_step(x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    return x[lengths - 1]
