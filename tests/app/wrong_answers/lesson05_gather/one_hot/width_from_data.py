"""Mistake: the width comes from labels.max() + 1 instead of num_classes."""

import torch


def one_hot(labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    width = int(labels.max()) + 1 if labels.numel() else num_classes
    out = torch.zeros(labels.shape[0], width, dtype=torch.int64, device=labels.device)
    return out.scatter_(1, labels.unsqueeze(1), 1)
