"""Wrong: np.array(t.tolist()) copies and loses the dtype (float32 becomes float64)."""

import numpy as np
import torch


def to_numpy(t: torch.Tensor) -> np.ndarray:
    return np.array(t.tolist())
