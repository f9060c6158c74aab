"""Mistake: validates p only and reshapes y to p's shape, so a (N, 1) y against (N,) p slips through."""

import torch


def binary_cross_entropy(p, y, eps=1e-7):
    """Binary cross-entropy."""
    if p.dim() == 0:
        raise ValueError("p must hold at least one prediction")
    if y.numel() != p.numel():
        raise ValueError("p and y hold different numbers of elements")
    y = y.reshape(p.shape)
    p = p.clamp(eps, 1 - eps)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
