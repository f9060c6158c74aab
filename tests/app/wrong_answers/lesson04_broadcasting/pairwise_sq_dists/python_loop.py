"""Mistake: a Python loop over the rows of x, where loops are ruled out."""

import torch


def pairwise_sq_dists(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """(N, D) and (M, D) -> (N, M) squared distances, one row at a time."""
    rows = [((y - x[i]) ** 2).sum(dim=1) for i in range(x.shape[0])]
    if not rows:
        return x.new_zeros(0, y.shape[0])
    return torch.stack(rows)
