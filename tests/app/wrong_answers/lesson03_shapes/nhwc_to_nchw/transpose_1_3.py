"""Wrong: transpose(1, 3) swaps H and C, giving (N, C, W, H) instead of (N, C, H, W)."""

import torch


def nhwc_to_nchw(x: torch.Tensor) -> torch.Tensor:
    return x.transpose(1, 3)
