"""Lesson 15, exercise 1: an embedding lookup, as nn.Embedding does it."""

import torch


def embed(ids: torch.Tensor, weight: torch.Tensor, padding_idx: int | None = None) -> torch.Tensor:
    """Look up one row of ``weight`` per id, exactly as ``nn.Embedding`` does.

    Args:
        ids: an int64 or int32 tensor of any shape (...), values in 0 .. V-1.
        weight: shape (V, D), the embedding table (V = num_embeddings, D = embedding_dim).
        padding_idx: None, or a row in -V .. V-1 (negative counts from the end, as in
            nn.Embedding). Positions holding that id still read its row, but no
            gradient flows back into that row (it is never trained).

    Returns:
        Shape (..., D) with weight's dtype, on weight's device: ``out[...] = weight[ids[...]]``.
        Gradients reach weight (rows used twice get both contributions), except the
        padding row. ids and weight are left unchanged.

    Raises:
        TypeError: ids is not an int64 or int32 tensor (float, bool and uint8 ids included).
        ValueError: weight is not 2-D, or padding_idx is outside -V .. V-1.

    Rules: no F.embedding / nn.Embedding; no Python loops, comprehensions, map or recursion.

    Example:
        >>> weight = torch.arange(12.0).view(4, 3)
        >>> embed(torch.tensor([[2, 0], [3, 3]]), weight).shape
        torch.Size([2, 2, 3])
        >>> embed(torch.tensor([2]), weight)
        tensor([[6., 7., 8.]])
    """
    # TODO: validate the three arguments, index the table with the whole ids tensor, and
    # stop the gradient at positions equal to padding_idx (torch.where and .detach()).
    raise NotImplementedError("embed: not written yet")
