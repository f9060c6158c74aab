"""Divide the transposed matrix by the row sums, transpose back (a non-contiguous result)."""

import torch


def normalize_rows(X: torch.Tensor) -> torch.Tensor:
    X = X if X.is_floating_point() else X.float()
    return (X.T / X.sum(-1)).T
