"""Mistake: gather without squeeze, so the result is (N, 1) instead of (N,)."""

import torch


def pick_class_scores(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    return logits.gather(1, labels.unsqueeze(1))
