"""Mistake: a comprehension over the batch, which the no-loops rule forbids."""

import torch


def conv1x1(X, weight, bias=None):
    if X.dim() != 4 or weight.dim() != 4 or tuple(weight.shape[1:]) != (X.shape[1], 1, 1):
        raise ValueError("bad X or weight")
    if bias is not None and tuple(bias.shape) != (weight.shape[0],):
        raise ValueError("bad bias")
    n, c_in, h, w = X.shape
    c_out = weight.shape[0]
    W = weight.reshape(c_out, c_in)
    Y = torch.stack([(W @ x.reshape(c_in, -1)).reshape(c_out, h, w) for x in X])
    return Y if bias is None else Y + bias.view(1, -1, 1, 1)
