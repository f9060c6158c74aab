"""Wrong: slices dims 0 and 1, which are the image rows/columns only for a 2-D input."""

import torch


def center_crop(x: torch.Tensor, height: int, width: int) -> torch.Tensor:
    H, W = x.shape[-2], x.shape[-1]
    if height > H or width > W:
        raise ValueError("crop larger than the image")
    top, left = (H - height) // 2, (W - width) // 2
    return x[top:top + height, left:left + width]
