"""weight[ids], then torch.where(mask[..., None], out.detach(), out)."""

import torch


def embed(ids: torch.Tensor, weight: torch.Tensor, padding_idx: int | None = None) -> torch.Tensor:
    if ids.dtype not in {torch.long, torch.int}:
        raise TypeError(f"ids must be int64 or int32, not {ids.dtype}")
    if weight.ndim != 2:
        raise ValueError("weight is not 2-D")
    num = weight.size(0)
    out = weight[ids.long()]
    if padding_idx is None:
        return out
    if padding_idx < -num or padding_idx >= num:
        raise ValueError("padding_idx out of range")
    if padding_idx < 0:
        padding_idx += num
    mask = (ids == padding_idx).unsqueeze(-1)
    return torch.where(mask, out.detach(), out)
