"""Lesson 07, exercise 4: a two-layer network's backward pass by hand."""

import torch
from torch import Tensor


def mlp_backward(x: Tensor, y: Tensor, W1: Tensor, b1: Tensor, W2: Tensor,
                 b2: Tensor) -> dict[str, Tensor]:
    """Gradients of mean((sigmoid(x @ W1 + b1) @ W2 + b2 − y)²) by the chain rule."""
    h = torch.sigmoid(x @ W1 + b1)            # forward pass, keeping h for the way back
    y_hat = h @ W2 + b2
    d_y_hat = 2 * (y_hat - y) / y.numel()     # the mean runs over N·O elements
    d_h = d_y_hat @ W2.T
    d_z = d_h * h * (1 - h)                   # sigmoid'(z) = h·(1 − h)
    return {
        "W1": x.T @ d_z,
        "b1": d_z.sum(dim=0),
        "W2": h.T @ d_y_hat,
        "b2": d_y_hat.sum(dim=0),
    }
