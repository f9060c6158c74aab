"""Mistake: largest key first (descending) instead of ascending."""

import torch


def sort_along(values: torch.Tensor, keys: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return torch.take_along_dim(values, keys.argsort(dim=dim, descending=True), dim=dim)
