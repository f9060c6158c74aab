"""Mistake: calls F.layer_norm, which the exercise rules out."""

import torch
import torch.nn.functional as F


def standardize_rows(X: torch.Tensor, eps: float = 1e-5) -> torch.Tensor:
    """LayerNorm without weights."""
    return F.layer_norm(X, X.shape[1:], eps=eps)
