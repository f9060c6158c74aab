"""Lesson 02, exercise 1: the forward pass of a linear layer."""

import torch


def linear_forward(X: torch.Tensor, W: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """``X @ W.T + b`` with W in nn.Linear's (out_features, in_features) layout."""
    return X @ W.T + b
