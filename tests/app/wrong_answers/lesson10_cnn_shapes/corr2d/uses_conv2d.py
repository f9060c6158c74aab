"""Wrong: calls PyTorch's convolution, which the exercise rules out."""

import torch
from torch.nn.functional import conv2d


def corr2d(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    return conv2d(X[None, None], K[None, None])[0, 0]
