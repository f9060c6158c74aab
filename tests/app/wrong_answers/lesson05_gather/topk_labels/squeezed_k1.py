"""Mistake: squeezes the result, so k == 1 gives shape (N,) instead of (N, 1)."""

import torch


def topk_labels(scores: torch.Tensor, label_table: torch.Tensor, k: int) -> torch.Tensor:
    idx = scores.topk(k, dim=1).indices
    return label_table[idx].squeeze()
