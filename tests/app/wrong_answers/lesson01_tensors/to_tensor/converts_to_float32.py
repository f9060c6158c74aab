"""Wrong: .float() turns float64 (and ints) into float32, which is a copy with another dtype."""

import numpy as np
import torch


def to_tensor(a: np.ndarray, share: bool) -> torch.Tensor:
    return torch.from_numpy(a).float() if share else torch.tensor(a).float()
