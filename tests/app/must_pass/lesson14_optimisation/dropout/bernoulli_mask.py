"""torch.bernoulli of a (1 - p) tensor as the keep mask; multiply and divide."""

import torch
from torch import Tensor


def dropout(X: Tensor, p: float, training: bool = True,
            generator: torch.Generator | None = None) -> Tensor:
    if not 0 <= p <= 1:
        raise ValueError(f"p must be in [0, 1], got {p}")
    if not training or p == 0:
        return X
    if p == 1:
        return torch.zeros_like(X)
    keep = torch.bernoulli(torch.full_like(X, 1 - p), generator=generator)
    return X * keep / (1 - p)
