"""Wrong: fills the result row by row with a Python loop, which the rules forbid."""

import torch


def interleave(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    out = torch.empty((2 * a.shape[0], *a.shape[1:]), dtype=a.dtype)
    for i in range(a.shape[0]):
        out[2 * i] = a[i]
        out[2 * i + 1] = b[i]
    return out
