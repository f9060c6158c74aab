"""Wrong: switches off requires_grad on the caller's tensor instead of using t.detach()."""

import numpy as np
import torch


def to_numpy(t: torch.Tensor) -> np.ndarray:
    t.requires_grad_(False)
    t = t.cpu()
    if t.dtype == torch.bfloat16:
        t = t.float()
    return t.numpy()
