"""Mistake: zeros() defaults to float32, so the one-hot rows are float instead of int64."""

import torch


def one_hot(labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    out = torch.zeros(labels.shape[0], num_classes, device=labels.device)
    return out.scatter_(1, labels.unsqueeze(1), 1.0)
