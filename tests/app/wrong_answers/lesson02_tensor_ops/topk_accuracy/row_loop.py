"""Wrong: a Python loop over the examples, which the exercise rules out."""

import torch


def topk_accuracy(logits: torch.Tensor, y: torch.Tensor, k: int) -> float:
    hits = 0
    for scores, label in zip(logits, y):
        hits += int(label in scores.topk(k).indices)
    return hits / len(y)
