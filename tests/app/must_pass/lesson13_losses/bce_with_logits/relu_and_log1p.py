"""torch.relu(z) for max(z, 0); log1p(exp(-|z|)); torch.mean."""

import torch
from torch import Tensor


def bce_with_logits(logits: Tensor, y: Tensor) -> Tensor:
    if logits.shape != y.shape:
        raise ValueError("logits and y must have the same shape")
    z = logits
    return torch.mean(torch.relu(z) - z * y + torch.log1p(torch.exp(-z.abs())))
