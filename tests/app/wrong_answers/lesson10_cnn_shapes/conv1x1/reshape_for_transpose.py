"""Mistake: reshapes the weight to (C_in, C_out) and multiplies from the left, instead of transposing."""

import torch


def conv1x1(X, weight, bias=None):
    if X.dim() != 4 or weight.dim() != 4 or tuple(weight.shape[1:]) != (X.shape[1], 1, 1):
        raise ValueError("bad X or weight")
    if bias is not None and tuple(bias.shape) != (weight.shape[0],):
        raise ValueError("bad bias")
    n, c_in, h, w = X.shape
    c_out = weight.shape[0]
    Y = X.permute(0, 2, 3, 1).reshape(-1, c_in) @ weight.reshape(c_in, c_out)
    Y = Y.reshape(n, h, w, c_out).permute(0, 3, 1, 2)
    return Y if bias is None else Y + bias.view(1, -1, 1, 1)
