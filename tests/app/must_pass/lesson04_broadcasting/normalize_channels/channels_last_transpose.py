"""Move C to the end, broadcast against (C,), move it back (a non-contiguous result)."""

import torch


def normalize_channels(x: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:
    return ((x.movedim(1, -1) - mean) / std).movedim(-1, 1)
