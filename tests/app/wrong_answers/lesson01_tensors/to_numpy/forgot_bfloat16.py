"""Wrong: detaches and moves to the CPU but forgets that NumPy has no bfloat16."""

import numpy as np
import torch


def to_numpy(t: torch.Tensor) -> np.ndarray:
    return t.detach().cpu().numpy()
