"""Mistake: no clipping, so p = 0 or p = 1 gives log(0) = -inf (and 0 * -inf = nan)."""

import torch


def binary_cross_entropy(p, y, eps=1e-7):
    """Binary cross-entropy."""
    if p.shape != y.shape:
        raise ValueError("shapes differ")
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
