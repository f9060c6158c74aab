"""Wrong: hands the update to torch.optim.SGD, which the exercise asks you to write yourself."""

import torch
from torch import Tensor


def fit_linear_regression(X: Tensor, y: Tensor, lr: float,
                          num_epochs: int) -> tuple[Tensor, Tensor]:
    w = torch.zeros(X.shape[1], dtype=X.dtype, device=X.device, requires_grad=True)
    b = torch.zeros((), dtype=X.dtype, device=X.device, requires_grad=True)
    optimizer = torch.optim.SGD([w, b], lr=lr)
    for _ in range(num_epochs):
        loss = ((X @ w + b - y) ** 2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return w.detach(), b.detach()
