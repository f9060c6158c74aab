"""Mistake: gather with the keys' order as index; with shared keys (B, T, 1) it returns (B, T, 1)."""

import torch


def sort_along(values: torch.Tensor, keys: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return values.gather(dim, keys.argsort(dim=dim))
