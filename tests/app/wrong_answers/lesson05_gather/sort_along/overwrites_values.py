"""Mistake: writes the sorted result back into values (copy_), changing the caller's tensor."""

import torch


def sort_along(values: torch.Tensor, keys: torch.Tensor, dim: int = -1) -> torch.Tensor:
    with torch.no_grad():
        return values.copy_(torch.take_along_dim(values, keys.argsort(dim=dim), dim=dim))
