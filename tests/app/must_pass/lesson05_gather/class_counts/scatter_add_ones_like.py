"""scatter_add_ of torch.ones_like(labels) into labels.new_zeros(num_classes)."""

import torch


def class_counts(labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    counts = labels.new_zeros(num_classes)
    return counts.scatter_add_(0, labels, torch.ones_like(labels))
