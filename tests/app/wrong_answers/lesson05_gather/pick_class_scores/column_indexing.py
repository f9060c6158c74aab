"""Mistake: logits[:, labels] picks whole columns, giving (N, N) instead of (N,)."""

import torch


def pick_class_scores(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    return logits[:, labels]
