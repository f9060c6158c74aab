"""Rank of the true class's score via a comparison count (no topk)."""

import torch


def topk_accuracy(logits: torch.Tensor, y: torch.Tensor, k: int) -> float:
    true_score = logits.gather(1, y.unsqueeze(1))
    rank = (logits > true_score).sum(dim=1)
    return (rank < k).double().mean().item()
