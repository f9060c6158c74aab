"""Wrong: as_tensor shares memory with a NumPy array even when share=False asks for a copy."""

import numpy as np
import torch


def to_tensor(a: np.ndarray, share: bool) -> torch.Tensor:
    return torch.as_tensor(a)
