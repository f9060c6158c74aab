"""Wrong: uses the eigenvalues of AᵀA, forgetting that the Hessian of the squared error is 2·AᵀA."""

import torch
from torch import Tensor


def max_stable_lr(features: Tensor, reduction: str = "sum") -> float:
    if reduction not in ("sum", "mean"):
        raise ValueError(reduction)
    A = features.double()
    H = A.T @ A
    if reduction == "mean":
        H = H / A.shape[0]
    return 2.0 / torch.linalg.eigvalsh(H).max().item()
