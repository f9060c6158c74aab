"""torch.as_tensor shares; .clone() of it copies."""

import numpy as np
import torch


def to_tensor(a: np.ndarray, share: bool) -> torch.Tensor:
    t = torch.as_tensor(a)
    return t if share else t.clone()
