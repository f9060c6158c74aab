"""Mistake: p.clamp_() clips the caller's tensor in place."""

import torch


def binary_cross_entropy(p, y, eps=1e-7):
    """Binary cross-entropy."""
    if p.shape != y.shape:
        raise ValueError("shapes differ")
    with torch.no_grad():
        p.clamp_(eps, 1 - eps)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
