"""A one-hot matrix (N, C), transposed matmul for sums; torch.where for empty classes."""

import torch


def class_means(X: torch.Tensor, labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    if labels.ndim != 1:
        raise ValueError("labels must be 1-D")
    if len(X) != len(labels):
        raise ValueError("X and labels differ in length")
    onehot = (labels[:, None] == torch.arange(num_classes, device=X.device)).to(X.dtype)
    sums = onehot.T @ X
    counts = onehot.sum(0)[:, None]
    return torch.where(counts > 0, sums / counts.clamp(min=1), torch.zeros_like(sums))
