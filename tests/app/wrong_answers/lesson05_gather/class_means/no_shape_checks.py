"""Mistake: validates X only, so labels of shape (N, 1) or another length are not refused."""

import torch


def class_means(X: torch.Tensor, labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    if X.dim() != 2:
        raise ValueError("X must be (N, D)")
    labels = labels.reshape(-1)[: X.shape[0]]
    X = X[: labels.shape[0]]
    sums = X.new_zeros(num_classes, X.shape[1]).index_add(0, labels, X)
    counts = X.new_zeros(num_classes).index_add(0, labels, X.new_ones(X.shape[0]))
    return sums / counts.clamp(min=1).unsqueeze(1)
