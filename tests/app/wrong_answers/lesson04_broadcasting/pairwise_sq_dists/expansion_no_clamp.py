"""Mistake: the ||x||^2 - 2 x.y + ||y||^2 expansion without clamping tiny negative results."""

import torch


def pairwise_sq_dists(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """(N, D) and (M, D) -> (N, M) squared distances."""
    x_sq = (x * x).sum(dim=1, keepdim=True)       # (N, 1)
    y_sq = (y * y).sum(dim=1)                     # (M,)
    return x_sq - 2 * x @ y.T + y_sq
