"""topk indices compared with y[:, None], .any(dim=1), mean of a float tensor."""

import torch


def topk_accuracy(logits: torch.Tensor, y: torch.Tensor, k: int) -> float:
    top = logits.topk(k, dim=1).indices
    return (top == y[:, None]).any(dim=1).float().mean().item()
