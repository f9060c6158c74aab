"""Mistake: F.softplus does the stable part, which the exercise asks you to write."""

import torch
import torch.nn.functional as F


def bce_with_logits(logits, y):
    """BCE from logits."""
    if logits.shape != y.shape:
        raise ValueError("shapes differ")
    return (F.softplus(logits) - logits * y).mean()
