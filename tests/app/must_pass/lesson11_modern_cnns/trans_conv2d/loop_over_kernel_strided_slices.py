"""Loop over K's entries: each adds K[a, b] * X into a strided slice; crop with explicit ends."""

import torch


def trans_conv2d(X: torch.Tensor, K: torch.Tensor, stride: int = 1,
                 padding: int = 0) -> torch.Tensor:
    if X.dim() != 2 or K.dim() != 2:
        raise ValueError("X and K must be 2-D")
    if stride < 1 or padding < 0:
        raise ValueError("stride must be >= 1 and padding >= 0")
    H, W = X.shape
    kh, kw = K.shape
    full_h, full_w = (H - 1) * stride + kh, (W - 1) * stride + kw
    if full_h - 2 * padding <= 0 or full_w - 2 * padding <= 0:
        raise ValueError("the result would be empty")
    Y = X.new_zeros(full_h, full_w)
    for a in range(kh):
        for b in range(kw):
            Y[a:a + (H - 1) * stride + 1:stride, b:b + (W - 1) * stride + 1:stride] += K[a, b] * X
    return Y[padding:full_h - padding, padding:full_w - padding]
