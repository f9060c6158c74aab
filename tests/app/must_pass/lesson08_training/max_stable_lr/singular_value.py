"""lambda_max(F^T F) is the largest singular value of F squared (svdvals)."""

import torch
from torch import Tensor


def max_stable_lr(features: Tensor, reduction: str = "sum") -> float:
    scale = {"sum": 1.0, "mean": 1.0 / features.shape[0]}.get(reduction)
    if scale is None:
        raise ValueError("reduction must be 'sum' or 'mean'")
    sigma = torch.linalg.svdvals(features.double())[0]
    return float(2.0 / (2.0 * scale * sigma ** 2))
