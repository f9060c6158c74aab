"""Wrong: never clears w.grad and b.grad, so each step uses the sum of all past gradients."""

import torch
from torch import Tensor


def fit_linear_regression(X: Tensor, y: Tensor, lr: float,
                          num_epochs: int) -> tuple[Tensor, Tensor]:
    w = torch.zeros(X.shape[1], dtype=X.dtype, device=X.device, requires_grad=True)
    b = torch.zeros((), dtype=X.dtype, device=X.device, requires_grad=True)
    for _ in range(num_epochs):
        loss = ((X @ w + b - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
    return w.detach(), b.detach()
