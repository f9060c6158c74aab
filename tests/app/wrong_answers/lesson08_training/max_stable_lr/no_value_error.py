"""Wrong: silently treats an unknown reduction as 'sum' instead of raising ValueError."""

import torch
from torch import Tensor


def max_stable_lr(features: Tensor, reduction: str = "sum") -> float:
    A = features.double()
    H = 2 * A.T @ A
    if reduction == "mean":
        H = H / A.shape[0]
    return 2.0 / torch.linalg.eigvalsh(H).max().item()
