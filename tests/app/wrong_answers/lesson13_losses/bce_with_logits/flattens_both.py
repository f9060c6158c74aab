"""Mistake: flattens both inputs instead of refusing different shapes."""

import torch


def bce_with_logits(logits, y):
    """BCE from logits."""
    if logits.numel() != y.numel():
        raise ValueError("different numbers of elements")
    z, y = logits.reshape(-1), y.reshape(-1)
    return (z.clamp(min=0) - z * y + torch.log1p(torch.exp(-z.abs()))).mean()
