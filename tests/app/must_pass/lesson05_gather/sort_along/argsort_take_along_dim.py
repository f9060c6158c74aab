"""argsort the keys, expand the order to values' shape, take_along_dim."""

import torch


def sort_along(values: torch.Tensor, keys: torch.Tensor, dim: int = -1) -> torch.Tensor:
    order = keys.argsort(dim=dim)
    return torch.take_along_dim(values, order.expand_as(values), dim=dim)
