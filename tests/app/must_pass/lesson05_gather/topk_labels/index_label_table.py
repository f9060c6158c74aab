"""label_table[indices] (advanced indexing with a 2-D index)."""

import torch


def topk_labels(scores: torch.Tensor, label_table: torch.Tensor, k: int) -> torch.Tensor:
    indices = scores.topk(k, dim=1).indices
    return label_table.to(scores.device)[indices]
