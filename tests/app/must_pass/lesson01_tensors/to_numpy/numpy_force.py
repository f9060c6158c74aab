"""t.numpy(force=True), widening bfloat16 first."""

import numpy as np
import torch


def to_numpy(t: torch.Tensor) -> np.ndarray:
    if t.dtype == torch.bfloat16:
        t = t.float()
    return t.numpy(force=True)
