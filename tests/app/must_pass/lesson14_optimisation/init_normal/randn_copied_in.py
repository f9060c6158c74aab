"""Fans from numel(); the samples drawn with torch.randn on the weight's device and copied in."""

import math

import torch
from torch import Tensor


def init_normal_(weight: Tensor, scheme: str = "kaiming", nonlinearity: str = "relu",
                 generator: torch.Generator | None = None) -> Tensor:
    gains = {"linear": 1.0, "sigmoid": 1.0, "tanh": 5 / 3, "relu": 2 ** 0.5}
    if weight.ndim < 2 or scheme not in ("kaiming", "xavier") or nonlinearity not in gains:
        raise ValueError(f"bad arguments: shape {tuple(weight.shape)}, {scheme!r}, "
                         f"{nonlinearity!r}")
    per_unit = weight.numel() // weight.shape[0]          # in_features * receptive field
    fan_in, fan_out = per_unit, weight.numel() // weight.shape[1]
    if scheme == "kaiming":
        std = gains[nonlinearity] * math.sqrt(1 / fan_in)
    else:
        std = gains[nonlinearity] * math.sqrt(2 / (fan_in + fan_out))
    samples = torch.randn(weight.shape, generator=generator, dtype=weight.dtype,
                          device=weight.device)
    with torch.no_grad():
        weight.copy_(samples * std)
    return weight
