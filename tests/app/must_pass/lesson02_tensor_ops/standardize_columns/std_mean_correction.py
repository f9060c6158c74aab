"""torch.std_mean with correction=0, broadcast without keepdim."""

import torch


def standardize_columns(X: torch.Tensor) -> torch.Tensor:
    std, mean = torch.std_mean(X, dim=0, correction=0)
    return (X - mean) / std
