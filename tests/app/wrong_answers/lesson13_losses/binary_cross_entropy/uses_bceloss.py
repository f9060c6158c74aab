"""Mistake: clips p correctly, then calls nn.BCELoss, which the exercise rules out."""

import torch
from torch import nn


def binary_cross_entropy(p, y, eps=1e-7):
    """Binary cross-entropy."""
    if p.shape != y.shape:
        raise ValueError("shapes differ")
    return nn.BCELoss()(p.clamp(eps, 1 - eps), y)
