"""Wrong: stops the padding gradient with a float32 mask, which turns float16/bfloat16 rows into float32."""

import torch


def embed(ids: torch.Tensor, weight: torch.Tensor, padding_idx: int | None = None) -> torch.Tensor:
    """out[..., :] = weight[ids[...]]: ids (...) int -> (..., D); no gradient into padding_idx's row."""
    if ids.dtype not in (torch.int32, torch.int64):
        raise TypeError(f"ids must be an int64 or int32 tensor, got {ids.dtype}")
    if weight.dim() != 2:
        raise ValueError(f"weight must be 2-D (num_embeddings, embedding_dim), got {weight.dim()}-D")
    num_embeddings = weight.shape[0]
    if padding_idx is not None and not -num_embeddings <= padding_idx < num_embeddings:
        raise ValueError(f"padding_idx must be in -{num_embeddings} .. {num_embeddings - 1}, "
                         f"got {padding_idx}")
    out = weight[ids]
    if padding_idx is None:
        return out
    is_pad = (ids == padding_idx % num_embeddings).unsqueeze(-1)
    keep = (~is_pad).float()
    return out * keep + out.detach() * (1 - keep)
