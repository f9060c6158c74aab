"""index_select on a table whose padding row is swapped for a detached copy (torch.cat)."""

import torch


def embed(ids: torch.Tensor, weight: torch.Tensor, padding_idx: int | None = None) -> torch.Tensor:
    if not isinstance(ids, torch.Tensor) or ids.dtype not in (torch.int64, torch.int32):
        raise TypeError("ids must be an int64 or int32 tensor")
    if weight.dim() != 2:
        raise ValueError("weight must be 2-D (V, D)")
    V = weight.shape[0]
    table = weight
    if padding_idx is not None:
        if not -V <= padding_idx < V:
            raise ValueError(f"padding_idx must be in -{V} .. {V - 1}")
        row = padding_idx % V
        table = torch.cat([weight[:row], weight[row:row + 1].detach(), weight[row + 1:]])
    flat = table.index_select(0, ids.reshape(-1).to(weight.device))
    return flat.view(*ids.shape, weight.shape[1])
