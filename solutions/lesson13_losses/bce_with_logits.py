"""Lesson 13, exercise 3: binary cross-entropy from logits, in the stable form."""

import torch
from torch import Tensor


def bce_with_logits(logits: Tensor, y: Tensor) -> Tensor:
    """Mean of max(z, 0) - z·y + log(1 + exp(-|z|)): finite for any finite logit z."""
    if logits.shape != y.shape:
        raise ValueError(f"logits have shape {tuple(logits.shape)} but y has "
                         f"{tuple(y.shape)}; they must match (no broadcasting)")
    z = logits
    return (z.clamp(min=0) - z * y + torch.log1p(torch.exp(-z.abs()))).mean()
