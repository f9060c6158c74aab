"""zeros then out[arange(N), labels] = 1 (advanced-index assignment)."""

import torch


def one_hot(labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    out = torch.zeros(labels.shape[0], num_classes, dtype=torch.long, device=labels.device)
    out[torch.arange(labels.shape[0], device=labels.device), labels] = 1
    return out
