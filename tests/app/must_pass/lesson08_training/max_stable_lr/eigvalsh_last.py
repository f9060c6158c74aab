"""torch.linalg.eigvalsh (ascending), last eigenvalue; N read from len()."""

import torch
from torch import Tensor


def max_stable_lr(features: Tensor, reduction: str = "sum") -> float:
    if reduction not in ("sum", "mean"):
        raise ValueError(f"unknown reduction {reduction!r}")
    F = features.to(torch.float64)
    H = 2 * F.T @ F
    if reduction == "mean":
        H = H / len(F)
    return 2.0 / torch.linalg.eigvalsh(H)[-1].item()
