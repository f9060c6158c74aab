"""Lesson 04, exercise 2: all pairwise squared distances by broadcasting."""

import torch


def pairwise_sq_dists(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """(N, D) and (M, D) -> (N, M) with out[i, j] = ||x[i] - y[j]||^2."""
    diff = x[:, None, :] - y[None, :, :]  # (N, 1, D) - (1, M, D) -> (N, M, D)
    return (diff * diff).sum(dim=-1)
