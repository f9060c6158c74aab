"""Wrong: passes the gradient back through the sigmoid without multiplying by h·(1 − h)."""

import torch
from torch import Tensor


def mlp_backward(x: Tensor, y: Tensor, W1: Tensor, b1: Tensor, W2: Tensor,
                 b2: Tensor) -> dict[str, Tensor]:
    h = torch.sigmoid(x @ W1 + b1)
    y_hat = h @ W2 + b2
    d_y_hat = 2 * (y_hat - y) / y.numel()
    d_z = d_y_hat @ W2.T
    return {"W1": x.T @ d_z, "b1": d_z.sum(dim=0),
            "W2": h.T @ d_y_hat, "b2": d_y_hat.sum(dim=0)}
