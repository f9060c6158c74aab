"""Mistake: hard-codes the example's table (label = 100 + index) instead of using label_table."""

import torch


def topk_labels(scores: torch.Tensor, label_table: torch.Tensor, k: int) -> torch.Tensor:
    return scores.topk(k, dim=1).indices + 100
