"""Lesson 03, exercise 1: crop the middle of an image with slicing."""

import torch


def center_crop(x: torch.Tensor, height: int, width: int) -> torch.Tensor:
    """The central (height, width) window of the last two dims of x, as a view."""
    H, W = x.shape[-2], x.shape[-1]
    if not (0 <= height <= H and 0 <= width <= W):
        raise ValueError(f"cannot crop ({height}, {width}) out of an image of size ({H}, {W})")
    top, left = (H - height) // 2, (W - width) // 2
    return x[..., top:top + height, left:left + width]
