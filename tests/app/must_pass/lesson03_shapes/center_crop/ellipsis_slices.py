"""x.size(-2)/x.size(-1) and slice objects stored in variables."""

import torch


def center_crop(x: torch.Tensor, height: int, width: int) -> torch.Tensor:
    H, W = x.size(-2), x.size(-1)
    if not (height <= H and width <= W):
        raise ValueError("the crop does not fit")
    rows = slice((H - height) // 2, (H - height) // 2 + height)
    cols = slice((W - width) // 2, (W - width) // 2 + width)
    return x[..., rows, cols]
