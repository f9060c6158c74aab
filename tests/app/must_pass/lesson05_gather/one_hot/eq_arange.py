"""(labels[:, None] == arange(C, device=...)).long()."""

import torch


def one_hot(labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    return (labels[:, None] == torch.arange(num_classes, device=labels.device)).long()
