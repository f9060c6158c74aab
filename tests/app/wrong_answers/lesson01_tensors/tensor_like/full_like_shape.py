"""Wrong: writes the values into a tensor shaped like `like` (shape must come from values)."""

import torch


def tensor_like(values: object, like: torch.Tensor) -> torch.Tensor:
    out = torch.zeros_like(like)
    out[...] = torch.tensor(values, dtype=like.dtype, device=like.device)
    return out
