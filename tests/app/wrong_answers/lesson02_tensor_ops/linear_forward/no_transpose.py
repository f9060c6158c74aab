"""Wrong: forgets that W is (out_features, in_features) and multiplies X @ W."""

import torch


def linear_forward(X: torch.Tensor, W: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return X @ W + b
