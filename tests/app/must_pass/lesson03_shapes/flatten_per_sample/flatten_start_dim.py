"""torch.flatten(x, start_dim=1)."""

import torch


def flatten_per_sample(x: torch.Tensor) -> torch.Tensor:
    return torch.flatten(x, start_dim=1)
