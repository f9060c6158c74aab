"""Mistake: calls F.max_pool2d / F.avg_pool2d, which the exercise rules out."""

import torch
import torch.nn.functional as F


def pool2d(X: torch.Tensor, pool_size, stride=None, mode: str = "max") -> torch.Tensor:
    if mode not in ("max", "avg") or X.dim() < 2:
        raise ValueError("bad arguments")
    flat = X.reshape(-1, 1, *X.shape[-2:])
    op = F.max_pool2d if mode == "max" else F.avg_pool2d
    out = op(flat, pool_size, stride)
    return out.reshape(*X.shape[:-2], *out.shape[-2:])
