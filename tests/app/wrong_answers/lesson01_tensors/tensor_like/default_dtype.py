"""Wrong: torch.tensor(values) without dtype= picks int64/float32, ignoring like."""

import torch


def tensor_like(values: object, like: torch.Tensor) -> torch.Tensor:
    return torch.tensor(values, device=like.device)
