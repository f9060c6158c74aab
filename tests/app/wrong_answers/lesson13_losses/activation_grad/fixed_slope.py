"""Mistake: leaky_relu's slope is hard-coded to 0.01 and the negative_slope argument is ignored."""

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
        return (x > 0).to(x.dtype)
    if name == "leaky_relu":
        return torch.where(x > 0, torch.ones_like(x), torch.full_like(x, 0.01))
    if name == "gelu":
        cdf = 0.5 * (1 + torch.erf(x / math.sqrt(2.0)))
        return cdf + x * torch.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
    raise ValueError(f"unknown activation {name!r}")
