"""Mistake: gathers from the 1-D table with a 2-D index (gather needs equal numbers of dims)."""

import torch


def topk_labels(scores: torch.Tensor, label_table: torch.Tensor, k: int) -> torch.Tensor:
    idx = scores.topk(k, dim=1).indices
    return label_table.gather(0, idx)
