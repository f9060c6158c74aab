"""Lesson 02, exercise 6: top-k accuracy of a classifier's scores."""

import torch


def topk_accuracy(logits: torch.Tensor, y: torch.Tensor, k: int) -> float:
    """Compare the (N, k) top indices with y as an (N, 1) column, then average the hits."""
    top = logits.topk(k, dim=1).indices
    hit = (top == y.unsqueeze(1)).any(dim=1)
    return hit.float().mean().item()
