"""Wrong: gives the 'sum' bound for both reductions; a mean loss allows an N times larger lr."""

import torch
from torch import Tensor


def max_stable_lr(features: Tensor, reduction: str = "sum") -> float:
    if reduction not in ("sum", "mean"):
        raise ValueError(reduction)
    A = features.double()
    return 2.0 / torch.linalg.eigvalsh(2 * A.T @ A).max().item()
