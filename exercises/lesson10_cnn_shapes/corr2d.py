"""Lesson 10, exercise 3: 2-D cross-correlation by hand."""

import torch


def corr2d(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    """Slide the kernel K over X and take the sum of products at every position.

    Y[i, j] = sum over a, b of X[i + a, j + b] * K[a, b]   (the kernel is NOT flipped)

    Args:
        X: shape (H, W), floating point.
        K: shape (kh, kw) with kh <= H and kw <= W, same dtype and device as X.

    Returns:
        Y: shape (H - kh + 1, W - kw + 1), same dtype and device as X, and
        differentiable with respect to K.

    Rules: no F.conv2d / torch.conv2d / nn.Conv2d / unfold. A loop over the
    kernel positions (or the output positions) is fine.

    Example:
        >>> corr2d(torch.arange(9.0).reshape(3, 3), torch.tensor([[0.0, 1.0], [2.0, 3.0]]))
        tensor([[19., 25.],
                [37., 43.]])
    """
    # TODO: build Y from slices of X multiplied by the entries of K.
    raise NotImplementedError("corr2d: not written yet")
