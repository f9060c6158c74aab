"""torch.tensor(values, dtype=like.dtype) then .to(like.device): two calls, same result."""

import torch


def tensor_like(values: object, like: torch.Tensor) -> torch.Tensor:
    return torch.tensor(values, dtype=like.dtype).to(like.device)
