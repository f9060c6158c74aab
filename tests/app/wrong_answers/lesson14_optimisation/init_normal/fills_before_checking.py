"""Wrong: validates the nonlinearity only after filling the weight."""

import math

import torch
from torch import Tensor

GAINS = {"linear": 1.0, "sigmoid": 1.0, "tanh": 5.0 / 3, "relu": math.sqrt(2.0)}


def init_normal_(weight: Tensor, scheme: str = "kaiming", nonlinearity: str = "relu",
                 generator: torch.Generator | None = None) -> Tensor:
    """Fill weight in place from N(0, std**2) with Xavier's or Kaiming's std; return it."""
    if weight.dim() < 2:
        raise ValueError(f"weight needs at least 2 dimensions, got shape {tuple(weight.shape)}")
    if scheme not in ("xavier", "kaiming"):
        raise ValueError(f"scheme must be 'xavier' or 'kaiming', got {scheme!r}")
    receptive_field = math.prod(weight.shape[2:])
    fan_in = weight.shape[1] * receptive_field
    fan_out = weight.shape[0] * receptive_field
    gain = GAINS.get(nonlinearity, 1.0)
    if scheme == "xavier":
        std = gain * math.sqrt(2.0 / (fan_in + fan_out))
    else:
        std = gain / math.sqrt(fan_in)
    with torch.no_grad():
        weight.normal_(0.0, 1.0, generator=generator)
        if nonlinearity not in GAINS:
            raise ValueError(f"unknown nonlinearity {nonlinearity!r}")
        return weight.mul_(std)
