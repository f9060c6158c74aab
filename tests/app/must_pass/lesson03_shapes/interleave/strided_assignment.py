"""An empty output filled with step-2 slice assignment."""

import torch


def interleave(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    out = a.new_empty((2 * a.shape[0], *a.shape[1:]))
    out[0::2] = a
    out[1::2] = b
    return out
