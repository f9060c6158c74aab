"""Wrong: the legacy torch.Tensor(a) constructor converts to float32 (and copies)."""

import numpy as np
import torch


def to_tensor(a: np.ndarray, share: bool) -> torch.Tensor:
    return torch.from_numpy(a) if share else torch.Tensor(a)
