"""Mistake: torch.where with Python numbers for relu/leaky_relu returns float32 whatever x's dtype."""

import math

import torch


def activation_grad(name, x, negative_slope=0.01):
    """The derivative of an activation."""
    if name == "sigmoid":
        s = torch.sigmoid(x)
        return s * (1 - s)
    if name == "tanh":
        return 1 - torch.tanh(x) ** 2
    if name == "relu":
        return torch.where(x > 0, 1.0, 0.0)
    if name == "leaky_relu":
        return torch.where(x > 0, 1.0, negative_slope)
    if name == "gelu":
        cdf = 0.5 * (1 + torch.erf(x / math.sqrt(2.0)))
        return cdf + x * torch.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
    raise ValueError(f"unknown activation {name!r}")
