"""Wrong: permute(0, 2, 3, 1) is the NCHW -> NHWC order, not its inverse."""

import torch


def nhwc_to_nchw(x: torch.Tensor) -> torch.Tensor:
    return x.permute(0, 2, 3, 1)
