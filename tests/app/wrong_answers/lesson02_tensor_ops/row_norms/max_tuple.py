"""Wrong: X.abs().max(dim=-1) returns a (values, indices) pair, not a tensor; and dim=1."""

import torch


def row_norms(X: torch.Tensor, p: float) -> torch.Tensor:
    if p == 1:
        return X.abs().sum(dim=1)
    if p == 2:
        return X.pow(2).sum(dim=1).sqrt()
    return X.abs().max(dim=1)
