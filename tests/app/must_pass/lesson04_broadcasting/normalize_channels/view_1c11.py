"""mean.view(1, -1, 1, 1) with sub/div methods."""

import torch


def normalize_channels(x: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:
    return x.sub(mean.view(1, -1, 1, 1)).div(std.view(1, -1, 1, 1))
