"""torch.take_along_dim with labels[:, None], then [:, 0]."""

import torch


def pick_class_scores(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    return torch.take_along_dim(logits, labels[:, None], dim=1)[:, 0]
