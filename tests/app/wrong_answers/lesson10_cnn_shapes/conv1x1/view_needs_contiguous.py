"""Mistake: X.view(...) fails on channels_last or transposed inputs; reshape copies when needed."""

import torch


def conv1x1(X, weight, bias=None):
    if X.dim() != 4 or weight.dim() != 4 or tuple(weight.shape[1:]) != (X.shape[1], 1, 1):
        raise ValueError("bad X or weight")
    if bias is not None and tuple(bias.shape) != (weight.shape[0],):
        raise ValueError("bad bias")
    n, c_in, h, w = X.shape
    c_out = weight.shape[0]
    Y = (weight.view(c_out, c_in) @ X.view(n, c_in, h * w)).view(n, c_out, h, w)
    return Y if bias is None else Y + bias.view(1, -1, 1, 1)
