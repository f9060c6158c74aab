"""Mistake: the gather index is (1, B, 1), not expanded to (1, B, H), so the result is (B, 1)."""

import torch


def last_step(x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    index = (lengths - 1).view(1, -1, 1)
    return x.gather(0, index).squeeze(0)
