"""Lesson 13, exercise 1: the derivatives of five activations, by hand."""

import math

import torch
from torch import Tensor

NAMES = ("sigmoid", "tanh", "relu", "leaky_relu", "gelu")


def activation_grad(name: str, x: Tensor, negative_slope: float = 0.01) -> Tensor:
    """d act(x) / dx element by element, for act in NAMES; shaped like x, in x's dtype and device."""
    if name == "sigmoid":
        s = torch.sigmoid(x)                 # never exp() of a large positive number
        return s * (1 - s)
    if name == "tanh":
        t = torch.tanh(x)
        return 1 - t * t
    if name == "relu":
        return (x > 0).to(x.dtype)           # 0 at x = 0, as PyTorch chooses
    if name == "leaky_relu":
        return torch.where(x > 0, torch.ones_like(x), torch.full_like(x, negative_slope))
    if name == "gelu":
        cdf = 0.5 * (1 + torch.erf(x / math.sqrt(2.0)))
        pdf = torch.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
        return cdf + x * pdf
    raise ValueError(f"unknown activation {name!r}; expected one of {', '.join(NAMES)}")
