"""Mistake: calls torch.nn.functional.one_hot, which the exercise rules out."""

import torch
import torch.nn.functional as F


def one_hot(labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    return F.one_hot(labels, num_classes)
