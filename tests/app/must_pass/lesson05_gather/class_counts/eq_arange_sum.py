"""Compare labels[:, None] with arange(num_classes, device=labels.device), sum over dim 0."""

import torch


def class_counts(labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    classes = torch.arange(num_classes, device=labels.device)
    return (labels.unsqueeze(1) == classes).sum(dim=0)
