"""torch.stack on dim 1, then flatten(0, 1)."""

import torch


def interleave(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.stack((a, b), dim=1).flatten(0, 1)
