"""Lesson 01, exercise 1: scale a tensor."""

import torch


def scale(x: torch.Tensor, factor: float) -> torch.Tensor:
    """Return ``x * factor``."""
    # TODO: multiply.
    raise NotImplementedError("scale: not written yet")
