"""Wrong: compares the (N, k) indices with y of shape (N,), which broadcasts along k, not N."""

import torch


def topk_accuracy(logits: torch.Tensor, y: torch.Tensor, k: int) -> float:
    top = logits.topk(k, dim=1).indices
    return (top == y).any(dim=1).float().mean().item()
