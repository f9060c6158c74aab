"""Wrong: the (N,) row sums broadcast along the columns; keepdim=True is missing."""

import torch


def normalize_rows(X: torch.Tensor) -> torch.Tensor:
    return X / X.sum(dim=1)
