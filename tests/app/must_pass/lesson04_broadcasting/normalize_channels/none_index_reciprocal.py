"""mean[:, None, None] and multiplication by the reciprocal of std."""

import torch


def normalize_channels(x: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:
    return (x - mean[:, None, None]) * std.reciprocal()[:, None, None]
