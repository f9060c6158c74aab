"""Lesson 01, exercise 4: new values, an existing tensor's dtype and device."""

import torch


def tensor_like(values: object, like: torch.Tensor) -> torch.Tensor:
    """A tensor of ``values`` with ``like``'s dtype and device."""
    return torch.tensor(values, dtype=like.dtype, device=like.device)
