"""The stable form written as method chains: z.relu() and (-z.abs()).exp().log1p()."""

from torch import Tensor


def bce_with_logits(logits: Tensor, y: Tensor) -> Tensor:
    if logits.shape != y.shape:
        raise ValueError(f"shapes differ: {tuple(logits.shape)} vs {tuple(y.shape)}")
    return (logits.relu() - logits * y + (-logits.abs()).exp().log1p()).mean()
