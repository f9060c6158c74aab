"""One .to(device, dtype) call after detach."""

import numpy as np
import torch


def to_numpy(t: torch.Tensor) -> np.ndarray:
    dtype = torch.float32 if t.dtype is torch.bfloat16 else t.dtype
    return t.detach().to("cpu", dtype).numpy()
