"""Lesson 10, exercise 4: cross-correlation with several input and output channels."""

import torch


def corr2d_multi_in_out(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    """X (C_in, H, W), K (C_out, C_in, kh, kw) -> (C_out, H - kh + 1, W - kw + 1)."""
    c_out, _, kh, kw = K.shape
    oh, ow = X.shape[1] - kh + 1, X.shape[2] - kw + 1
    Y = X.new_zeros(c_out, oh, ow)
    for i in range(kh):
        for j in range(kw):
            # (C_out, C_in) @ (C_in, oh*ow): sum over input channels for every output channel
            window = X[:, i:i + oh, j:j + ow].reshape(X.shape[0], -1)
            Y = Y + (K[:, :, i, j] @ window).reshape(c_out, oh, ow)
    return Y
