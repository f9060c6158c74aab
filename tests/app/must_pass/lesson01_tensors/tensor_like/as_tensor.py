"""torch.as_tensor with dtype= and device= keyword arguments."""

import torch


def tensor_like(values: object, like: torch.Tensor) -> torch.Tensor:
    return torch.as_tensor(values, dtype=like.dtype, device=like.device)
