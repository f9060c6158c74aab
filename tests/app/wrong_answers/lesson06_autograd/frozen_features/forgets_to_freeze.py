"""Wrong: computes the features normally, so the gradient flows into W1 as well."""

import torch
from torch import Tensor


def frozen_features(X: Tensor, W1: Tensor, W2: Tensor) -> Tensor:
    features = torch.relu(X @ W1)
    return features @ W2
