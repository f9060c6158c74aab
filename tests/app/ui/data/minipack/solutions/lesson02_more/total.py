"""Lesson 02, exercise 1: sum everything."""

import torch


def total(x: torch.Tensor) -> torch.Tensor:
    """Return the sum of all elements of ``x``."""
    return x.sum()
