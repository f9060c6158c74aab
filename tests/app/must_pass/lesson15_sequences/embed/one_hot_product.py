"""A one-hot matrix product; the padding row detached in the table before the product."""

import torch
import torch.nn.functional as F


def embed(ids: torch.Tensor, weight: torch.Tensor, padding_idx: int | None = None) -> torch.Tensor:
    if not isinstance(ids, torch.Tensor) or ids.dtype not in (torch.int64, torch.int32):
        raise TypeError("ids must be an int64 or int32 tensor")
    if weight.ndim != 2:
        raise ValueError("weight must be (num_embeddings, embedding_dim)")
    rows = weight.shape[0]
    if padding_idx is not None and not -rows <= padding_idx < rows:
        raise ValueError("padding_idx is not a row of weight")
    table = weight
    if padding_idx is not None:
        is_pad_row = torch.arange(rows, device=weight.device) == padding_idx % rows
        table = torch.where(is_pad_row.unsqueeze(1), weight.detach(), weight)
    return F.one_hot(ids.long(), rows).to(weight.dtype) @ table
