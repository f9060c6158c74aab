"""torch.topk + eq(y.view(-1, 1)).sum(), divided by N as Python numbers."""

import torch


def topk_accuracy(logits: torch.Tensor, y: torch.Tensor, k: int) -> float:
    _, pred = torch.topk(logits, k, dim=-1)
    hits = pred.eq(y.view(-1, 1)).sum().item()
    return float(hits) / y.shape[0]
