"""Mistake: calls F.conv_transpose2d, which the exercise rules out."""

import torch
import torch.nn.functional as F


def trans_conv2d(X, K, stride=1, padding=0):
    if X.dim() != 2 or K.dim() != 2 or stride < 1 or padding < 0:
        raise ValueError("bad arguments")
    (h, w), (kh, kw) = X.shape, K.shape
    full_h, full_w = (h - 1) * stride + kh, (w - 1) * stride + kw
    if full_h - 2 * padding < 1 or full_w - 2 * padding < 1:
        raise ValueError("empty result")
    return F.conv_transpose2d(X[None, None], K[None, None], stride=stride, padding=padding)[0, 0]
