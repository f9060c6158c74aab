"""Lesson 10, exercise 7: a 1x1 convolution as a matrix product."""

import torch


def conv1x1(X: torch.Tensor, weight: torch.Tensor,
            bias: torch.Tensor | None = None) -> torch.Tensor:
    """X (N, C_in, H, W), weight (C_out, C_in, 1, 1), bias (C_out,) -> (N, C_out, H, W)."""
    if X.dim() != 4:
        raise ValueError(f"X must be (N, C_in, H, W), got shape {tuple(X.shape)}")
    n, c_in, h, w = X.shape
    if weight.dim() != 4 or tuple(weight.shape[1:]) != (c_in, 1, 1):
        raise ValueError(f"weight must be (C_out, {c_in}, 1, 1), got {tuple(weight.shape)}")
    c_out = weight.shape[0]
    if bias is not None and tuple(bias.shape) != (c_out,):
        raise ValueError(f"bias must be ({c_out},), got {tuple(bias.shape)}")
    # (C_out, C_in) @ (N, C_in, H*W) -> (N, C_out, H*W): one matmul for every pixel at once.
    Y = (weight.reshape(c_out, c_in) @ X.reshape(n, c_in, h * w)).reshape(n, c_out, h, w)
    return Y if bias is None else Y + bias.reshape(1, c_out, 1, 1)
