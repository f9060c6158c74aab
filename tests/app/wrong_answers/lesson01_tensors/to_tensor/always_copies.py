"""Wrong: torch.tensor(a) copies, so share=True does not share memory."""

import numpy as np
import torch


def to_tensor(a: np.ndarray, share: bool) -> torch.Tensor:
    return torch.tensor(a)
