"""A Vandermonde matrix (torch.vander) and one matrix-vector product, unbind into four."""

import torch
from torch import Tensor


def cubic_grads(x: Tensor, y: Tensor, a: Tensor, b: Tensor, c: Tensor,
                d: Tensor) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    V = torch.vander(x, N=4, increasing=True)              # (N, 4): 1, x, x^2, x^3
    coeffs = torch.stack([a, b, c, d]).to(x.dtype)
    residual = V @ coeffs - y
    grads = 2 * V.T @ residual
    ga, gb, gc, gd = grads.unbind()
    return ga, gb, gc, gd
