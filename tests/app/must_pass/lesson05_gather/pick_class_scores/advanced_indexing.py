"""logits[torch.arange(N), labels]."""

import torch


def pick_class_scores(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    return logits[torch.arange(len(logits), device=logits.device), labels]
