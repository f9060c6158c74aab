"""Mistake: a bare nn.Linear(in, out) is float32 on the CPU, whatever l1's dtype and device."""

import torch
from torch import nn


def collapse_linear(l1, l2):
    """One linear layer equal to l2(l1(x))."""
    for name, layer in (("l1", l1), ("l2", l2)):
        if not isinstance(layer, nn.Linear):
            raise TypeError(f"{name} must be an nn.Linear")
    if l1.out_features != l2.in_features:
        raise ValueError("sizes do not chain")
    out = nn.Linear(l1.in_features, l2.out_features)
    with torch.no_grad():
        out.weight.copy_(l2.weight @ l1.weight)
        bias = torch.zeros(l2.out_features)
        if l1.bias is not None:
            bias += l2.weight @ l1.bias
        if l2.bias is not None:
            bias += l2.bias
        out.bias.copy_(bias)
    return out
