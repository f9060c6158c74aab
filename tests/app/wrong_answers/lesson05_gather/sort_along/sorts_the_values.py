"""Mistake: sorts the values themselves instead of ordering them by their keys."""

import torch


def sort_along(values: torch.Tensor, keys: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return values.sort(dim=dim).values
