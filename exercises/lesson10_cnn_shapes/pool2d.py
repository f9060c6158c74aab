"""Lesson 10, exercise 6: max and average pooling by hand."""

import torch


def pool2d(X: torch.Tensor, pool_size, stride=None, mode: str = "max") -> torch.Tensor:
    """Pool the last two dims of X with a window of ``pool_size``, moved by ``stride``.

    Args:
        X: shape (..., H, W), floating point: any leading dims (e.g. (N, C, H, W)) are
            pooled independently.
        pool_size: an int or a pair (ph, pw), each >= 1.
        stride: an int, a pair (sh, sw), or None for the pool size (as nn.MaxPool2d).
        mode: "max" (the largest value of each window) or "avg" (its mean).

    Returns:
        A new tensor of shape (..., (H - ph) // sh + 1, (W - pw) // sw + 1) with X's
        dtype and device, equal to F.max_pool2d / F.avg_pool2d (no padding). Gradients
        flow to X. X is left unchanged.

    Raises:
        ValueError: if X has fewer than 2 dims, mode is neither "max" nor "avg", a size
            or stride is below 1, or the window is larger than the input.

    Rules: no F.max_pool2d / F.avg_pool2d, no nn.MaxPool2d / nn.AvgPool2d, no unfold.
    Loops over the window's (ph * pw) offsets are fine.

    Example:
        >>> X = torch.arange(16.0).reshape(4, 4)
        >>> pool2d(X, 2)
        tensor([[ 5.,  7.],
                [13., 15.]])
        >>> pool2d(X, 3, stride=1, mode="avg")
        tensor([[ 5.,  6.],
                [ 9., 10.]])
    """
    # TODO: validate, then combine the strided slices X[..., a::sh, b::sw] of every offset.
    raise NotImplementedError("pool2d: not written yet")
