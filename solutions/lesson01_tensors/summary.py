"""Lesson 01, exercise 2: a tensor's attributes at a glance."""

import torch


def summary(t: torch.Tensor) -> dict[str, object]:
    """shape, ndim, numel, dtype, device and nbytes of ``t``."""
    return {
        "shape": tuple(t.shape),
        "ndim": t.dim(),
        "numel": t.numel(),
        "dtype": t.dtype,
        "device": t.device,
        "nbytes": t.numel() * t.element_size(),
    }
