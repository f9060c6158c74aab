"""A mask from torch.bernoulli of the keep probability, in X's dtype; X.clone() in eval."""

import torch
from torch import Tensor


def dropout(X: Tensor, p: float, training: bool = True,
            generator: torch.Generator | None = None) -> Tensor:
    if not (p >= 0 and p <= 1):
        raise ValueError(f"p must be in [0, 1], got {p}")
    if not training or p == 0:
        return X.clone()
    if p == 1:
        return X.new_zeros(X.shape)
    mask = torch.bernoulli(torch.full_like(X, 1 - p), generator=generator)
    return X * mask / (1 - p)
