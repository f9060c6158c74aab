"""Lesson 14, exercise 3: inverted dropout."""

import torch
from torch import Tensor


def dropout(X: Tensor, p: float, training: bool = True,
            generator: torch.Generator | None = None) -> Tensor:
    """Zero each element with probability p and scale the survivors by 1/(1 - p)."""
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training or p == 0.0:
        return X
    if p == 1.0:
        return torch.zeros_like(X)                 # X / 0 would give NaN where X is 0
    keep = torch.rand(X.shape, generator=generator, device=X.device) >= p
    return X * keep / (1 - p)
