"""Wrong: picks "cuda if available" instead of the device that like is on."""

import torch


def tensor_like(values: object, like: torch.Tensor) -> torch.Tensor:
    device = "cuda" if torch.cuda.is_available() else "cpu"
    return torch.tensor(values, dtype=like.dtype, device=device)
