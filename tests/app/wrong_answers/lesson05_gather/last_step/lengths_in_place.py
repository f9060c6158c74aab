"""Mistake: lengths -= 1 changes the caller's lengths in place."""

import torch


def last_step(x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    lengths -= 1
    index = lengths.view(1, -1, 1).expand(1, x.shape[1], x.shape[2])
    return x.gather(0, index).squeeze(0)
