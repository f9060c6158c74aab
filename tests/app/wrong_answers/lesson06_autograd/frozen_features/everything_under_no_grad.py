"""Wrong: puts the whole forward pass under no_grad, so the head W2 cannot learn either."""

import torch
from torch import Tensor


def frozen_features(X: Tensor, W1: Tensor, W2: Tensor) -> Tensor:
    with torch.no_grad():
        return torch.relu(X @ W1) @ W2
