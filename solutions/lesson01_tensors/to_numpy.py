"""Lesson 01, exercise 6: torch to NumPy, for any tensor."""

import numpy as np
import torch


def to_numpy(t: torch.Tensor) -> np.ndarray:
    """Detach, move to the CPU, widen bfloat16; no copy for a plain CPU tensor."""
    t = t.detach().cpu()
    if t.dtype == torch.bfloat16:
        t = t.float()
    return t.numpy()
