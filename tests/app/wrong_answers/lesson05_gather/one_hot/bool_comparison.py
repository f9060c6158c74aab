"""Mistake: the comparison trick returns a bool tensor and is never converted to int64."""

import torch


def one_hot(labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    return labels.unsqueeze(1) == torch.arange(num_classes, device=labels.device)
