"""Lesson 13, exercise 5: two stacked linear layers are one linear layer."""

import torch
from torch import nn


def collapse_linear(l1: nn.Linear, l2: nn.Linear) -> nn.Linear:
    """One new nn.Linear equal to l2(l1(x)): W = W2 W1, b = W2 b1 + b2."""
    for name, layer in (("l1", l1), ("l2", l2)):
        if not isinstance(layer, nn.Linear):
            raise TypeError(f"{name} must be an nn.Linear, got {type(layer).__name__}")
    if l1.out_features != l2.in_features:
        raise ValueError(f"l1 gives {l1.out_features} features but l2 takes {l2.in_features}")
    W1, W2 = l1.weight, l2.weight
    out = nn.Linear(l1.in_features, l2.out_features, device=W1.device, dtype=W1.dtype)
    with torch.no_grad():                    # copy numbers, do not record a graph
        out.weight.copy_(W2 @ W1)
        bias = torch.zeros_like(out.bias)
        if l1.bias is not None:
            bias += W2 @ l1.bias
        if l2.bias is not None:
            bias += l2.bias
        out.bias.copy_(bias)
    return out
