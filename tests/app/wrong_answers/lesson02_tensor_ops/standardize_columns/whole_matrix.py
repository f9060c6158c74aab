"""Wrong: one mean and one std for the whole matrix instead of one per column."""

import torch


def standardize_columns(X: torch.Tensor) -> torch.Tensor:
    return (X - X.mean()) / X.std(correction=0)
