"""Wrong: uses the largest singular value of A where its square (an eigenvalue of AᵀA) belongs."""

import torch
from torch import Tensor


def max_stable_lr(features: Tensor, reduction: str = "sum") -> float:
    if reduction not in ("sum", "mean"):
        raise ValueError(reduction)
    A = features.double()
    sigma = torch.linalg.matrix_norm(A, ord=2).item()
    scale = A.shape[0] if reduction == "mean" else 1
    return 2.0 * scale / (2 * sigma)
