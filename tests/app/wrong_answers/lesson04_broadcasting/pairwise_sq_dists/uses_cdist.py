"""Mistake: calls torch.cdist, which the exercise rules out."""

import torch


def pairwise_sq_dists(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """(N, D) and (M, D) -> (N, M) squared distances."""
    return torch.cdist(x, y) ** 2
