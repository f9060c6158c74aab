"""Lesson 10, exercise 3: 2-D cross-correlation by hand."""

import torch


def corr2d(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    """Slide K over X without flipping it: (H, W) and (kh, kw) -> (H - kh + 1, W - kw + 1)."""
    kh, kw = K.shape
    oh, ow = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    Y = X.new_zeros(oh, ow)
    for i in range(kh):
        for j in range(kw):
            Y = Y + K[i, j] * X[i:i + oh, j:j + ow]
    return Y
