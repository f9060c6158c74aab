"""Mistake: picks log p where y == 1 and log(1 - p) elsewhere, which is wrong for soft targets."""

import torch


def binary_cross_entropy(p, y, eps=1e-7):
    """Binary cross-entropy."""
    if p.shape != y.shape:
        raise ValueError("shapes differ")
    p = p.clamp(eps, 1 - eps)
    return -torch.where(y == 1, torch.log(p), torch.log(1 - p)).mean()
