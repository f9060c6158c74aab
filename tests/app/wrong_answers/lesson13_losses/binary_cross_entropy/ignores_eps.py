"""Mistake: clips with a fixed 1e-7 and ignores the eps argument."""

import torch


def binary_cross_entropy(p, y, eps=1e-7):
    """Binary cross-entropy."""
    if p.shape != y.shape:
        raise ValueError("shapes differ")
    p = p.clamp(1e-7, 1 - 1e-7)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
