"""Wrong: never raises; a crop larger than the image silently comes back smaller."""

import torch


def center_crop(x: torch.Tensor, height: int, width: int) -> torch.Tensor:
    top = max((x.shape[-2] - height) // 2, 0)
    left = max((x.shape[-1] - width) // 2, 0)
    return x[..., top:top + height, left:left + width]
