"""Mistake: calls torch.bincount, which the exercise rules out."""

import torch


def class_counts(labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    return torch.bincount(labels, minlength=num_classes)
