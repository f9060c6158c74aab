"""Mistake: scatter_ instead of scatter_add_, so repeated labels are counted once."""

import torch


def class_counts(labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    counts = torch.zeros(num_classes, dtype=torch.int64, device=labels.device)
    return counts.scatter_(0, labels, torch.ones_like(labels))
