"""Mistake: assumes both layers have a bias; bias=False layers have bias None."""

import torch
from torch import nn


def collapse_linear(l1, l2):
    """One linear layer equal to l2(l1(x))."""
    for name, layer in (("l1", l1), ("l2", l2)):
        if not isinstance(layer, nn.Linear):
            raise TypeError(f"{name} must be an nn.Linear")
    if l1.out_features != l2.in_features:
        raise ValueError("sizes do not chain")
    out = nn.Linear(l1.in_features, l2.out_features, device=l1.weight.device, dtype=l1.weight.dtype)
    with torch.no_grad():
        out.weight.copy_(l2.weight @ l1.weight)
        out.bias.copy_(l2.weight @ l1.bias + l2.bias)
    return out
