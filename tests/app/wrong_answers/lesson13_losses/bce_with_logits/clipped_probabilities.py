"""Mistake: sigmoid, then clipped probabilities: finite, but a logit of 1e4 on the wrong side costs 16, not 1e4."""

import torch


def bce_with_logits(logits, y):
    """BCE from logits."""
    if logits.shape != y.shape:
        raise ValueError("shapes differ")
    p = torch.sigmoid(logits).clamp(1e-7, 1 - 1e-7)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
