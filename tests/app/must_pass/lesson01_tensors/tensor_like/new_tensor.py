"""like.new_tensor(values): dtype and device come from like."""

import torch


def tensor_like(values: object, like: torch.Tensor) -> torch.Tensor:
    return like.new_tensor(values)
