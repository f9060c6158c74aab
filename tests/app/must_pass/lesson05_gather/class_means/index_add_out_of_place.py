"""index_add (out of place) for sums and counts; clamp_min(1) to avoid 0 / 0."""

import torch


def class_means(X: torch.Tensor, labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    if X.dim() != 2 or labels.dim() != 1 or X.shape[0] != labels.shape[0]:
        raise ValueError("need X (N, D) and labels (N,) of the same length")
    sums = X.new_zeros(num_classes, X.shape[1]).index_add(0, labels, X)
    counts = X.new_zeros(num_classes).index_add(0, labels, X.new_ones(len(labels)))
    return sums / counts.clamp_min(1).unsqueeze(1)
