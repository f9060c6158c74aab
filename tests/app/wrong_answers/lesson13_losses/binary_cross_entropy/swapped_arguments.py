"""Mistake: treats the first argument as the target and the second as the prediction."""

import torch


def binary_cross_entropy(p, y, eps=1e-7):
    """Binary cross-entropy."""
    if p.shape != y.shape:
        raise ValueError("shapes differ")
    target, pred = p, y.clamp(eps, 1 - eps)
    return -(target * torch.log(pred) + (1 - target) * torch.log(1 - pred)).mean()
