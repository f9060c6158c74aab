"""|x|^2 + |y|^2 - 2 x @ y.T, clamped at zero (the cdist trick)."""

import torch


def pairwise_sq_dists(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    xx = (x * x).sum(dim=1, keepdim=True)
    yy = (y * y).sum(dim=1)
    return (xx + yy - 2 * x @ y.T).clamp_min(0)
