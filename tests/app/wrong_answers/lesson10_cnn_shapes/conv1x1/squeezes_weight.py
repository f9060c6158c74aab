"""Mistake: weight.squeeze() drops C_out too when it is 1, so einsum gets a 1-D weight."""

import torch


def conv1x1(X, weight, bias=None):
    if X.dim() != 4 or weight.dim() != 4 or tuple(weight.shape[1:]) != (X.shape[1], 1, 1):
        raise ValueError("bad X or weight")
    if bias is not None and tuple(bias.shape) != (weight.shape[0],):
        raise ValueError("bad bias")
    Y = torch.einsum("oi,nihw->nohw", weight.squeeze(), X)
    return Y if bias is None else Y + bias.view(1, -1, 1, 1)
