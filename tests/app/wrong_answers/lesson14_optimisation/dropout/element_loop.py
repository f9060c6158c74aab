"""Wrong: draws the mask element by element in a Python loop."""

import torch
from torch import Tensor


def dropout(X: Tensor, p: float, training: bool = True,
            generator: torch.Generator | None = None) -> Tensor:
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")
    if not training or p == 0.0:
        return X
    if p == 1.0:
        return torch.zeros_like(X)
    flat = [bool(torch.rand((), generator=generator) >= p) for _ in range(X.numel())]
    keep = torch.tensor(flat, device=X.device).reshape(X.shape)
    return X * keep / (1 - p)
