"""Assign fresh nn.Parameters built from detached products; a missing bias counts as 0."""

import torch
from torch import nn


def collapse_linear(l1: nn.Linear, l2: nn.Linear) -> nn.Linear:
    if not (isinstance(l1, nn.Linear) and isinstance(l2, nn.Linear)):
        raise TypeError("both layers must be nn.Linear")
    if l2.in_features != l1.out_features:
        raise ValueError("l1's outputs do not fit l2's inputs")
    W1, W2 = l1.weight.detach(), l2.weight.detach()
    b1 = l1.bias.detach() if l1.bias is not None else torch.zeros_like(W1[:, 0])
    b2 = l2.bias.detach() if l2.bias is not None else torch.zeros_like(W2[:, 0])
    layer = nn.Linear(l1.in_features, l2.out_features, device=W1.device, dtype=W1.dtype)
    layer.weight = nn.Parameter(W2 @ W1)
    layer.bias = nn.Parameter(W2 @ b1 + b2)
    return layer
