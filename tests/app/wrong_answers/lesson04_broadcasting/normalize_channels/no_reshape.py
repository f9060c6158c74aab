"""Mistake: subtracts the (C,) mean as it is, so it lines up with W instead of the channels."""

import torch


def normalize_channels(x: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:
    """(x - mean) / std per channel."""
    return (x - mean) / std
