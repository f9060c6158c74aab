"""Mistake: index_add_ into X itself (a view of it), which changes the caller's tensor."""

import torch


def _shapes(X, labels):
    if X.dim() != 2 or labels.dim() != 1 or X.shape[0] != labels.shape[0]:
        raise ValueError("bad shapes")


def class_means(X: torch.Tensor, labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    _shapes(X, labels)
    counts = X.new_zeros(num_classes).index_add(0, labels, X.new_ones(X.shape[0]))
    sums = X.new_zeros(num_classes, X.shape[1]).index_add(0, labels, X)
    X.zero_()
    return sums / counts.clamp(min=1).unsqueeze(1)
