"""Mistake: takes each row's highest score (the prediction) instead of the labelled class."""

import torch


def pick_class_scores(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    return logits.max(dim=1).values
