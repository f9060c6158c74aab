"""Wrong: L2 returns the sum of squares and forgets the square root."""

import torch


def row_norms(X: torch.Tensor, p: float) -> torch.Tensor:
    if p == 1:
        return X.abs().sum(dim=-1)
    if p == 2:
        return X.pow(2).sum(dim=-1)
    return X.abs().amax(dim=-1)
