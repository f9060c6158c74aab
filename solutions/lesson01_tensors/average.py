"""Lesson 01, exercise 3: the mean of any tensor."""

import torch


def average(x: torch.Tensor) -> torch.Tensor:
    """Mean of all elements; integer and bool inputs become float32 first."""
    if not x.is_floating_point():
        x = x.float()
    return x.mean()
