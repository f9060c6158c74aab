"""Mistake: row means and variances without keepdim=True, so (N,) lines up with the columns."""

import torch


def standardize_rows(X: torch.Tensor, eps: float = 1e-5) -> torch.Tensor:
    """(X - row mean) / sqrt(row variance + eps)."""
    mean = X.mean(dim=1)                                  # (N,), not (N, 1)
    var = X.var(dim=1, correction=0)
    return (X - mean) / torch.sqrt(var + eps)
