"""Mistake: switches on requires_grad on the caller's weight "so gradients flow", changing it."""

import torch


def conv1x1(X, weight, bias=None):
    if X.dim() != 4 or weight.dim() != 4 or tuple(weight.shape[1:]) != (X.shape[1], 1, 1):
        raise ValueError("bad X or weight")
    if bias is not None and tuple(bias.shape) != (weight.shape[0],):
        raise ValueError("bad bias")
    weight.requires_grad_(True)
    n, c_in, h, w = X.shape
    c_out = weight.shape[0]
    Y = (weight.reshape(c_out, c_in) @ X.reshape(n, c_in, h * w)).reshape(n, c_out, h, w)
    return Y if bias is None else Y + bias.reshape(1, -1, 1, 1)
