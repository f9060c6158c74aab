"""Wrong: t.numpy() alone fails on tensors that require grad (and on bfloat16 and GPU ones)."""

import numpy as np
import torch


def to_numpy(t: torch.Tensor) -> np.ndarray:
    return t.numpy()
