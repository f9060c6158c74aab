"""Mistake: logits.abs_() turns the caller's logits into their absolute values."""

import torch


def bce_with_logits(logits, y):
    """BCE from logits."""
    if logits.shape != y.shape:
        raise ValueError("shapes differ")
    z = logits
    first = z.clamp(min=0) - z * y
    with torch.no_grad():
        magnitude = z.abs_()
    return (first + torch.log1p(torch.exp(-magnitude))).mean()
