"""The classic .data update and grad.zero_() (older tutorials' style)."""

import torch
from torch import Tensor


def fit_linear_regression(X: Tensor, y: Tensor, lr: float,
                          num_epochs: int) -> tuple[Tensor, Tensor]:
    w = torch.zeros(X.shape[1], dtype=X.dtype, device=X.device, requires_grad=True)
    b = torch.zeros((), dtype=X.dtype, device=X.device, requires_grad=True)
    for _ in range(num_epochs):
        loss = ((X @ w + b - y) ** 2).mean()
        loss.backward()
        w.data -= lr * w.grad.data
        b.data -= lr * b.grad.data
        w.grad.zero_()
        b.grad.zero_()
    return w.detach(), b.detach()
