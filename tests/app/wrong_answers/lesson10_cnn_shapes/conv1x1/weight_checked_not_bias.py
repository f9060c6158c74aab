"""Mistake: validates X and weight but not bias, so a bias of the wrong length slips through."""

import torch


def conv1x1(X, weight, bias=None):
    if X.dim() != 4 or weight.dim() != 4 or tuple(weight.shape[1:]) != (X.shape[1], 1, 1):
        raise ValueError("bad X or weight")
    n, c_in, h, w = X.shape
    c_out = weight.shape[0]
    Y = (weight.reshape(c_out, c_in) @ X.reshape(n, c_in, h * w)).reshape(n, c_out, h, w)
    return Y if bias is None else Y + bias.reshape(1, -1, 1, 1)[:, :c_out]
