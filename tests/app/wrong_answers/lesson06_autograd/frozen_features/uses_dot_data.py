"""Wrong: stops the gradient with the legacy .data attribute instead of detach()/no_grad."""

import torch
from torch import Tensor


def frozen_features(X: Tensor, W1: Tensor, W2: Tensor) -> Tensor:
    features = torch.relu(X @ W1.data)
    return features @ W2
