"""Lesson 04, exercise 4: per-channel normalisation of an image batch."""

import torch


def normalize_channels(x: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:
    """(N, C, H, W) with (C,) mean and std -> (x - mean[c]) / std[c] per channel."""
    return (x - mean[:, None, None]) / std[:, None, None]
