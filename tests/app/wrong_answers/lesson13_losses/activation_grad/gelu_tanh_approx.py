"""Mistake: the derivative of GELU's tanh approximation, not of the exact (erf) GELU."""

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
        return torch.where(x > 0, torch.ones_like(x), torch.full_like(x, negative_slope))
    if name == "gelu":
        c = math.sqrt(2.0 / math.pi)
        inner = c * (x + 0.044715 * x ** 3)
        t = torch.tanh(inner)
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * 0.044715 * x ** 2)
    raise ValueError(f"unknown activation {name!r}")
