"""np.asarray on the detached CPU tensor (it shares memory through __array__)."""

import numpy as np
import torch


def to_numpy(t: torch.Tensor) -> np.ndarray:
    t = t.detach().cpu()
    return np.asarray(t.float() if t.dtype == torch.bfloat16 else t)
