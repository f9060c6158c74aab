"""Two transposes: swap C with H, then the old H (now last) with W."""

import torch


def nhwc_to_nchw(x: torch.Tensor) -> torch.Tensor:
    return x.transpose(1, 3).transpose(2, 3)
