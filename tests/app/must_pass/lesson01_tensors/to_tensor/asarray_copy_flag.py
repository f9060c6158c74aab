"""torch.asarray with copy= set from share; from_numpy(a.copy()) style."""

import numpy as np
import torch


def to_tensor(a: np.ndarray, share: bool) -> torch.Tensor:
    if share:
        return torch.asarray(a)
    return torch.from_numpy(a.copy())
