"""torch.autograd.grad each epoch, and new leaves made by detach().requires_grad_()."""

import torch
from torch import Tensor


def fit_linear_regression(X: Tensor, y: Tensor, lr: float,
                          num_epochs: int) -> tuple[Tensor, Tensor]:
    w = X.new_zeros(X.shape[1]).requires_grad_()
    b = X.new_zeros(()).requires_grad_()
    for _ in range(num_epochs):
        loss = torch.mean(torch.square(torch.mv(X, w) + b - y))
        gw, gb = torch.autograd.grad(loss, (w, b))
        w = (w - lr * gw).detach().requires_grad_()
        b = (b - lr * gb).detach().requires_grad_()
    return w.detach(), b.detach()
