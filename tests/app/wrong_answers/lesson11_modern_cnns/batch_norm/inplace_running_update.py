"""Updates the caller's running statistics in place (mul_/add_) instead of returning new ones."""

import torch


def batch_norm(X, gamma, beta, running_mean, running_var, eps=1e-5, momentum=0.1,
               training=True):
    dims = (0,) if X.dim() == 2 else (0, 2, 3)
    shape = (1, -1) + (1,) * (X.dim() - 2)
    if training:
        mean, var = X.mean(dim=dims), X.var(dim=dims, correction=0)
        running_mean.mul_(1 - momentum).add_(momentum * mean)
        running_var.mul_(1 - momentum).add_(momentum * X.var(dim=dims, correction=1))
    else:
        mean, var = running_mean, running_var
    X_hat = (X - mean.reshape(shape)) / torch.sqrt(var.reshape(shape) + eps)
    return gamma.reshape(shape) * X_hat + beta.reshape(shape), running_mean, running_var
