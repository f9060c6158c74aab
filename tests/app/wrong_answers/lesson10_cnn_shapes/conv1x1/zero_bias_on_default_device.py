"""Mistake: a missing bias becomes torch.zeros(C_out) on the default device, not X's."""

import torch


def conv1x1(X, weight, bias=None):
    if X.dim() != 4 or weight.dim() != 4 or tuple(weight.shape[1:]) != (X.shape[1], 1, 1):
        raise ValueError("bad X or weight")
    if bias is not None and tuple(bias.shape) != (weight.shape[0],):
        raise ValueError("bad bias")
    n, c_in, h, w = X.shape
    c_out = weight.shape[0]
    if bias is None:
        bias = torch.zeros(c_out, dtype=X.dtype)
    Y = (weight.reshape(c_out, c_in) @ X.reshape(n, c_in, h * w)).reshape(n, c_out, h, w)
    return Y + bias.reshape(1, -1, 1, 1)
