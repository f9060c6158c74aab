"""A loop over the output positions, writing each sum into a new_zeros buffer with +=."""

import torch


def corr2d(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    kh, kw = K.shape
    Y = X.new_zeros(X.shape[0] - kh + 1, X.shape[1] - kw + 1, dtype=torch.result_type(X, K))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] += (X[i:i + kh, j:j + kw] * K).sum()
    return Y
