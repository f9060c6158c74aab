"""Wrong: freezes by turning off requires_grad on the caller's W1, a lasting side effect."""

import torch
from torch import Tensor


def frozen_features(X: Tensor, W1: Tensor, W2: Tensor) -> Tensor:
    W1.requires_grad_(False)
    return torch.relu(X @ W1) @ W2
