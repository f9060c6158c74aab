"""torch.einsum('nhwc->nchw') with contiguous() after."""

import torch


def nhwc_to_nchw(x: torch.Tensor) -> torch.Tensor:
    return torch.einsum("nhwc->nchw", x).contiguous()
