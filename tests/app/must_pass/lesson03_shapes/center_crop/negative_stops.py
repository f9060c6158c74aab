"""Slices with negative stops (`-bottom or None`) for the far edges."""

import torch


def center_crop(x: torch.Tensor, height: int, width: int) -> torch.Tensor:
    H, W = x.shape[-2], x.shape[-1]
    if height > H:
        raise ValueError(f"height {height} > H {H}")
    if width > W:
        raise ValueError(f"width {width} > W {W}")
    top, left = (H - height) // 2, (W - width) // 2
    bottom, right = H - height - top, W - width - left
    return x[..., top:(-bottom or None), left:(-right or None)]
