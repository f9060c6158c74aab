"""Wrong: checks p only in training mode: eval mode accepts p = 1.5."""

import torch
from torch import Tensor


def dropout(X: Tensor, p: float, training: bool = True,
            generator: torch.Generator | None = None) -> Tensor:
    if not training:
        return X
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")
    if p == 0.0:
        return X
    if p == 1.0:
        return torch.zeros_like(X)
    keep = torch.rand(X.shape, generator=generator, device=X.device) >= p
    return X * keep / (1 - p)
