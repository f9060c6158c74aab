"""Mistake: log(1 + exp(z)) - z*y written directly: exp(z) is inf for z > 88 in float32."""

import torch


def bce_with_logits(logits, y):
    """BCE from logits."""
    if logits.shape != y.shape:
        raise ValueError("shapes differ")
    return (torch.log1p(torch.exp(logits)) - logits * y).mean()
