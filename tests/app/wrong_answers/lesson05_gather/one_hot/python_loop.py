"""Mistake: fills the rows one at a time in a Python loop (the rule forbids loops)."""

import torch


def one_hot(labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    out = torch.zeros(labels.shape[0], num_classes, dtype=torch.int64, device=labels.device)
    for i, label in enumerate(labels.tolist()):
        out[i, label] = 1
    return out
