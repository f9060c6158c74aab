"""Wrong: .view() cannot flatten a non-contiguous (permuted) batch; it raises RuntimeError."""

import torch


def flatten_per_sample(x: torch.Tensor) -> torch.Tensor:
    return x.view(x.shape[0], -1)
