"""Mistake: reduces over dim=0, standardising each column instead of each row."""

import torch


def standardize_rows(X: torch.Tensor, eps: float = 1e-5) -> torch.Tensor:
    """(X - mean) / sqrt(variance + eps)."""
    mean = X.mean(dim=0, keepdim=True)
    var = ((X - mean) ** 2).mean(dim=0, keepdim=True)
    return (X - mean) / torch.sqrt(var + eps)
