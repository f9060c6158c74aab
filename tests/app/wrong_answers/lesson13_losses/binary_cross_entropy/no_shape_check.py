"""Mistake: no shape check, so (N, 1) against (N,) silently broadcasts to (N, N)."""

import torch


def binary_cross_entropy(p, y, eps=1e-7):
    """Binary cross-entropy."""
    p = p.clamp(eps, 1 - eps)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
