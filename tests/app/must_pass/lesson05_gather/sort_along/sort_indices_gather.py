"""torch.sort(...).indices, broadcast_to, gather."""

import torch


def sort_along(values: torch.Tensor, keys: torch.Tensor, dim: int = -1) -> torch.Tensor:
    idx = torch.sort(keys, dim=dim).indices.to(values.device)
    return values.gather(dim, idx.broadcast_to(values.shape))
