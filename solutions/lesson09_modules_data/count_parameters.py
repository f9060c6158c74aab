"""Lesson 09, exercise 1: count a network's trainable parameters."""

from torch import nn


def count_parameters(net: nn.Module) -> int:
    """The number of trainable scalars in ``net`` (shared parameters counted once)."""
    return sum(p.numel() for p in net.parameters() if p.requires_grad)
