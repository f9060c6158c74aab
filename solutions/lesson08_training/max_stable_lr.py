"""Lesson 08, exercise 3: the largest stable learning rate."""

import torch
from torch import Tensor


def max_stable_lr(features: Tensor, reduction: str = "sum") -> float:
    """2 / (largest eigenvalue of the squared-error loss's Hessian) for y_hat = features @ theta."""
    if reduction not in ("sum", "mean"):
        raise ValueError(f"reduction must be 'sum' or 'mean', not {reduction!r}")
    A = features.double()
    hessian = 2 * A.T @ A
    if reduction == "mean":
        hessian = hessian / A.shape[0]
    return 2.0 / torch.linalg.eigvalsh(hessian).max().item()
