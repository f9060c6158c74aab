"""Mistake: a Python loop over the rows (correct values, but the rule forbids loops)."""

import torch


def pick_class_scores(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    out = torch.empty(logits.shape[0], dtype=logits.dtype, device=logits.device)
    for i in range(logits.shape[0]):
        out[i] = logits[i, labels[i]]
    return out
