"""Wrong: indexes the weight as K[c_in, c_out]; nn.Conv2d's layout is (C_out, C_in, kh, kw)."""

import torch


def _corr2d(X, K):
    kh, kw = K.shape
    Y = X.new_zeros(X.shape[0] - kh + 1, X.shape[1] - kw + 1)
    for i in range(kh):
        for j in range(kw):
            Y = Y + K[i, j] * X[i:i + Y.shape[0], j:j + Y.shape[1]]
    return Y


def corr2d_multi_in_out(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    c_out, c_in = K.shape[:2]
    maps = []
    for o in range(c_out):
        maps.append(sum(_corr2d(X[c], K[c % c_out, o % c_in]) for c in range(c_in)))
    return torch.stack(maps)
