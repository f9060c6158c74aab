"""Wrong: matches the dtype but not the device, so the tensor is always made on the CPU."""

import torch


def tensor_like(values: object, like: torch.Tensor) -> torch.Tensor:
    return torch.tensor(values, dtype=like.dtype)
