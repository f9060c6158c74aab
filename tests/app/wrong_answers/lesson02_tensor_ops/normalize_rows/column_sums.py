"""Wrong: sums over dim 0 (down each column) instead of along each row."""

import torch


def normalize_rows(X: torch.Tensor) -> torch.Tensor:
    return X / X.sum(dim=0, keepdim=True)
