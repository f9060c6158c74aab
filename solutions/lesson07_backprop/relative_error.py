"""Lesson 07, exercise 2: the relative error between two gradients."""

from torch import Tensor


def relative_error(a: Tensor, b: Tensor) -> float:
    """max|a − b| / max(|a| + |b|) as a Python float; 0.0 when both are all zeros."""
    denominator = (a.abs() + b.abs()).max().item()
    if denominator == 0.0:
        return 0.0
    return (a - b).abs().max().item() / denominator
