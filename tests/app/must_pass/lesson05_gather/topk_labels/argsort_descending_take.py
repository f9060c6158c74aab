"""argsort(descending=True)[:, :k] and torch.take."""

import torch


def topk_labels(scores: torch.Tensor, label_table: torch.Tensor, k: int) -> torch.Tensor:
    order = torch.argsort(scores, dim=1, descending=True)[:, :k]
    return torch.take(label_table.to(scores.device), order)
