"""Mistake: flips the kernel (as a true convolution would) before scattering it."""

import torch


def trans_conv2d(X, K, stride=1, padding=0):
    if X.dim() != 2 or K.dim() != 2 or stride < 1 or padding < 0:
        raise ValueError("bad arguments")
    (h, w), (kh, kw) = X.shape, K.shape
    full_h, full_w = (h - 1) * stride + kh, (w - 1) * stride + kw
    if full_h - 2 * padding < 1 or full_w - 2 * padding < 1:
        raise ValueError("empty result")
    K = K.flip(0, 1)
    Y = X.new_zeros(full_h, full_w)
    for i in range(h):
        for j in range(w):
            Y[i * stride:i * stride + kh, j * stride:j * stride + kw] += X[i, j] * K
    return Y[padding:full_h - padding, padding:full_w - padding]
