"""Lesson 11, exercise 7: transposed convolution by hand."""

import torch


def trans_conv2d(X: torch.Tensor, K: torch.Tensor, stride: int = 1,
                 padding: int = 0) -> torch.Tensor:
    """X (H, W), K (kh, kw) -> ((H-1)s - 2p + kh, (W-1)s - 2p + kw), like F.conv_transpose2d."""
    if X.dim() != 2 or K.dim() != 2:
        raise ValueError(f"X and K must be 2-D, got {tuple(X.shape)} and {tuple(K.shape)}")
    if stride < 1 or padding < 0:
        raise ValueError(f"need stride >= 1 and padding >= 0, got {stride} and {padding}")
    (h, w), (kh, kw) = X.shape, K.shape
    full_h, full_w = (h - 1) * stride + kh, (w - 1) * stride + kw
    if full_h - 2 * padding < 1 or full_w - 2 * padding < 1:
        raise ValueError(f"padding {padding} leaves nothing of a {full_h}x{full_w} result")
    Y = X.new_zeros(full_h, full_w)
    # Loop over the small kernel: K[a, b] meets every X[i, j] at (i*stride + a, j*stride + b).
    for a in range(kh):
        for b in range(kw):
            rows = slice(a, a + (h - 1) * stride + 1, stride)
            cols = slice(b, b + (w - 1) * stride + 1, stride)
            Y[rows, cols] += K[a, b] * X
    return Y[padding:full_h - padding, padding:full_w - padding]
