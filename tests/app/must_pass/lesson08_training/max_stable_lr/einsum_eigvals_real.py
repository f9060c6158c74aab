"""H by einsum, torch.linalg.eigvals (complex) and the max of the real parts."""

import torch
from torch import Tensor


def max_stable_lr(features: Tensor, reduction: str = "sum") -> float:
    if reduction == "sum":
        divisor = 1
    elif reduction == "mean":
        divisor = features.size(0)
    else:
        raise ValueError(reduction)
    F = features.double()
    H = 2 * torch.einsum("np,nq->pq", F, F) / divisor
    return 2 / torch.linalg.eigvals(H).real.max().item()
