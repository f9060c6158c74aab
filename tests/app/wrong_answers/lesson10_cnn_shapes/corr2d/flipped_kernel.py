"""Wrong: flips the kernel first (true convolution), but Conv2d computes cross-correlation."""

import torch


def corr2d(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    K = K.flip(0, 1)
    kh, kw = K.shape
    Y = X.new_zeros(X.shape[0] - kh + 1, X.shape[1] - kw + 1)
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + kh, j:j + kw] * K).sum()
    return Y
