"""Mistake: adds Python floats (.item()) entry by entry, which cuts the gradients."""

import torch


def trans_conv2d(X, K, stride=1, padding=0):
    if X.dim() != 2 or K.dim() != 2 or stride < 1 or padding < 0:
        raise ValueError("bad arguments")
    (h, w), (kh, kw) = X.shape, K.shape
    full_h, full_w = (h - 1) * stride + kh, (w - 1) * stride + kw
    if full_h - 2 * padding < 1 or full_w - 2 * padding < 1:
        raise ValueError("empty result")
    Y = X.new_zeros(full_h, full_w)
    for i in range(h):
        for j in range(w):
            for a in range(kh):
                for b in range(kw):
                    Y[i * stride + a, j * stride + b] += (X[i, j] * K[a, b]).item()
    return Y[padding:full_h - padding, padding:full_w - padding]
