"""Mistake: sigmoid first, then the two logs: log(1 - sigmoid(20.)) is log(0) = -inf in float32."""

import torch


def bce_with_logits(logits, y):
    """BCE from logits."""
    if logits.shape != y.shape:
        raise ValueError("shapes differ")
    p = torch.sigmoid(logits)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
