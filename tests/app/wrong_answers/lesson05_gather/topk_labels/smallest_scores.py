"""Mistake: largest=False picks the k lowest scores instead of the highest."""

import torch


def topk_labels(scores: torch.Tensor, label_table: torch.Tensor, k: int) -> torch.Tensor:
    idx = scores.topk(k, dim=1, largest=False).indices
    return label_table[idx]
