"""Mistake: returns the Euclidean distances (with a square root), not the squared distances."""

import torch


def pairwise_sq_dists(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """(N, D) and (M, D) -> (N, M) distances."""
    diff = x[:, None, :] - y[None, :, :]
    return (diff ** 2).sum(dim=-1).sqrt()
