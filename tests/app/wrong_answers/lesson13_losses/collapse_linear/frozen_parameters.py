"""Mistake: wraps the products in nn.Parameter(..., requires_grad=False), so the layer cannot train."""

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
    bias = torch.zeros_like(out.bias)
    if l1.bias is not None:
        bias = bias + l2.weight @ l1.bias
    if l2.bias is not None:
        bias = bias + l2.bias
    out.weight = nn.Parameter((l2.weight @ l1.weight).detach(), requires_grad=False)
    out.bias = nn.Parameter(bias.detach(), requires_grad=False)
    return out
