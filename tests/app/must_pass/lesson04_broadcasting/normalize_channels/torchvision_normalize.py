"""torchvision.transforms.functional.normalize, which broadcasts mean and std over (C, 1, 1)."""

import torch
from torchvision.transforms import functional as TF


def normalize_channels(x: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:
    return TF.normalize(x, mean, std)
