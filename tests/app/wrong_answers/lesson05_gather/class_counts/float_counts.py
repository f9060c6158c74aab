"""Mistake: counts in float32 (zeros() and ones() default to float) instead of int64."""

import torch


def class_counts(labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    counts = torch.zeros(num_classes, device=labels.device)
    return counts.scatter_add_(0, labels, torch.ones(labels.shape[0], device=labels.device))
