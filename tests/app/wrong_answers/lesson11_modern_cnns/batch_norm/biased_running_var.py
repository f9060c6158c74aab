"""Keeps the biased batch variance in running_var (PyTorch keeps the unbiased one)."""

import torch


def batch_norm(X, gamma, beta, running_mean, running_var, eps=1e-5, momentum=0.1,
               training=True):
    dims = (0,) if X.dim() == 2 else (0, 2, 3)
    shape = (1, -1) + (1,) * (X.dim() - 2)
    if training:
        mean = X.mean(dim=dims)
        var = ((X - mean.reshape(shape)) ** 2).mean(dim=dims)
        running_mean = (1 - momentum) * running_mean + momentum * mean
        running_var = (1 - momentum) * running_var + momentum * var
    else:
        mean, var = running_mean, running_var
    X_hat = (X - mean.reshape(shape)) / torch.sqrt(var.reshape(shape) + eps)
    return gamma.reshape(shape) * X_hat + beta.reshape(shape), running_mean, running_var
