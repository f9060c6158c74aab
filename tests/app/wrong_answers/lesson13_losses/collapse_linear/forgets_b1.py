"""Mistake: the bias is b2 alone; l1's bias also passes through W2 (W2 @ b1 + b2)."""

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
        if l2.bias is not None:
            out.bias.copy_(l2.bias)
        else:
            out.bias.zero_()
    return out
