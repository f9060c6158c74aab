"""Mistake: calls F.conv2d, which the exercise rules out."""

import torch
import torch.nn.functional as F


def conv1x1(X, weight, bias=None):
    if X.dim() != 4 or weight.dim() != 4 or tuple(weight.shape[1:]) != (X.shape[1], 1, 1):
        raise ValueError("bad X or weight")
    if bias is not None and tuple(bias.shape) != (weight.shape[0],):
        raise ValueError("bad bias")
    return F.conv2d(X, weight, bias)
