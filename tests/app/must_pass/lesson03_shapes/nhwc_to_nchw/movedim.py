"""x.movedim(-1, 1)."""

import torch


def nhwc_to_nchw(x: torch.Tensor) -> torch.Tensor:
    return x.movedim(-1, 1)
