"""x.contiguous().view(N, numel // N style via x[0].numel())."""

import torch


def flatten_per_sample(x: torch.Tensor) -> torch.Tensor:
    per_sample = x.shape[1:].numel()
    return x.contiguous().view(x.size(0), per_sample)
