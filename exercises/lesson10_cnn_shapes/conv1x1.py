"""Lesson 10, exercise 7: a 1x1 convolution as a matrix product."""

import torch


def conv1x1(X: torch.Tensor, weight: torch.Tensor,
            bias: torch.Tensor | None = None) -> torch.Tensor:
    """Apply a 1x1 convolution by matrix multiplication over the channels.

    Args:
        X: shape (N, C_in, H, W), floating point (any memory layout).
        weight: shape (C_out, C_in, 1, 1), the layout nn.Conv2d(C_in, C_out, 1) stores.
        bias: shape (C_out,), or None for no bias.

    Returns:
        A new tensor of shape (N, C_out, H, W) with X's dtype and device, equal to
        ``F.conv2d(X, weight, bias)``: at every pixel, ``weight[:, :, 0, 0] @ X[n, :, i, j]
        (+ bias)``. Gradients flow to X, weight and bias. The inputs are left unchanged.

    Raises:
        ValueError: if X is not 4-D, weight is not (C_out, C_in, 1, 1) with X's C_in,
            or bias is given and is not (C_out,).

    Rules: no convolution functions or modules (F.conv2d, nn.Conv2d, ...), no unfold,
    no Python loops or comprehensions.

    Example:
        >>> X = torch.arange(8.0).reshape(1, 2, 2, 2)          # 2 channels, 2x2 pixels
        >>> weight = torch.tensor([[1.0, 10.0]]).view(1, 2, 1, 1)
        >>> conv1x1(X, weight)                                   # 1 * ch0 + 10 * ch1
        tensor([[[[40., 51.],
                  [62., 73.]]]])
    """
    # TODO: validate; view weight as (C_out, C_in) and X as (N, C_in, H*W); multiply; reshape.
    raise NotImplementedError("conv1x1: not written yet")
