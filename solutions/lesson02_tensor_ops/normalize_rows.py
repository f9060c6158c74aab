"""Lesson 02, exercise 2: rows that sum to one."""

import torch


def normalize_rows(X: torch.Tensor) -> torch.Tensor:
    """Each row divided by its sum; keepdim makes the sums (N, 1), which broadcasts by row."""
    return X / X.sum(dim=1, keepdim=True)
