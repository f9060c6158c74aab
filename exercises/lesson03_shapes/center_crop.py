"""Lesson 03, exercise 1: crop the middle of an image with slicing."""

import torch


def center_crop(x: torch.Tensor, height: int, width: int) -> torch.Tensor:
    """Return the central (height, width) window of the last two dims of x.

    Args:
        x: shape (..., H, W), for example (H, W), (C, H, W) or (B, C, H, W).
        height: rows to keep, 0 <= height <= H.
        width: columns to keep, 0 <= width <= W.

    Returns:
        A view of x of shape (..., height, width) that starts at row
        ``top = (H - height) // 2`` and column ``left = (W - width) // 2``.

    Raises:
        ValueError: height > H or width > W.

    Example:
        >>> center_crop(torch.arange(25).reshape(5, 5), 3, 3)
        tensor([[ 6,  7,  8],
                [11, 12, 13],
                [16, 17, 18]])
    """
    # TODO: check the sizes, compute top and left, then slice the last two dims.
    raise NotImplementedError("center_crop: not written yet")
