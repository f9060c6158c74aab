"""Lesson 05, exercise 7: per-class means with index_add_."""

import torch


def class_means(X: torch.Tensor, labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    """X (N, D), labels (N,) -> (num_classes, D): the mean row of each class, 0 if empty."""
    if X.dim() != 2 or labels.dim() != 1 or X.shape[0] != labels.shape[0]:
        raise ValueError(f"class_means expects X (N, D) and labels (N,); got X "
                         f"{tuple(X.shape)} and labels {tuple(labels.shape)}")
    sums = X.new_zeros(num_classes, X.shape[1]).index_add(0, labels, X)
    counts = X.new_zeros(num_classes).index_add(0, labels, X.new_ones(X.shape[0]))
    return sums / counts.clamp(min=1).unsqueeze(1)
