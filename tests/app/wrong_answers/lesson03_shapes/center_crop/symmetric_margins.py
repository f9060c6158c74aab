"""Wrong: ends the slice at H - top, which keeps one row/column too many when the margin is odd."""

import torch


def center_crop(x: torch.Tensor, height: int, width: int) -> torch.Tensor:
    H, W = x.shape[-2], x.shape[-1]
    if height > H or width > W:
        raise ValueError("crop larger than the image")
    top, left = (H - height) // 2, (W - width) // 2
    return x[..., top:H - top, left:W - left]
