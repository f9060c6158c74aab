"""Lesson 03, exercise 3: channels-last images to channels-first."""

import torch


def nhwc_to_nchw(x: torch.Tensor) -> torch.Tensor:
    """(N, H, W, C) -> (N, C, H, W) with out[n, c, h, w] == x[n, h, w, c]."""
    return x.permute(0, 3, 1, 2)
