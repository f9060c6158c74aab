"""Mistake: never checks that both layers are nn.Linear, so an nn.Sequential fails with AttributeError, not TypeError."""

import torch
from torch import nn


def collapse_linear(l1, l2):
    """One linear layer equal to l2(l1(x))."""
    if l1.out_features != l2.in_features:
        raise ValueError("sizes do not chain")
    out = nn.Linear(l1.in_features, l2.out_features, device=l1.weight.device, dtype=l1.weight.dtype)
    with torch.no_grad():
        out.weight.copy_(l2.weight @ l1.weight)
        bias = torch.zeros_like(out.bias)
        if l1.bias is not None:
            bias += l2.weight @ l1.bias
        if l2.bias is not None:
            bias += l2.bias
        out.bias.copy_(bias)
    return out
