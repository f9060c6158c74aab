"""Wrong: standardizes the rows (dim=1) instead of the columns (features)."""

import torch


def standardize_columns(X: torch.Tensor) -> torch.Tensor:
    mean = X.mean(dim=1, keepdim=True)
    std = X.std(dim=1, keepdim=True, correction=0)
    return (X - mean) / std
