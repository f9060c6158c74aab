"""Mistake: reshapes mean and std to (C, 1), which lines C up with H, not with the channels."""

import torch


def normalize_channels(x: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:
    """(x - mean) / std per channel."""
    return (x - mean.view(-1, 1)) / std.view(-1, 1)
