"""p = 2 as sqrt of (X * X).sum; p = 1 via torch.sum(abs); inf via max(...).values."""

import torch


def row_norms(X: torch.Tensor, p: float) -> torch.Tensor:
    if p == 1:
        return torch.sum(torch.abs(X), dim=-1)
    if p == 2:
        return torch.sqrt((X * X).sum(dim=-1))
    return X.abs().max(dim=-1).values
