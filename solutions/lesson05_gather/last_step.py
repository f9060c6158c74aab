"""Lesson 05, exercise 5: the last valid time step of padded sequences."""

import torch


def last_step(x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    """out[b] = x[lengths[b] - 1, b]: x (T, B, H), lengths (B,) int64 in 1..T -> (B, H)."""
    index = (lengths - 1).view(1, -1, 1).expand(1, x.shape[1], x.shape[2])
    return x.gather(0, index).squeeze(0)
