"""Lesson 11, exercise 3: batch normalisation by hand."""

import torch


def batch_norm(X: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor,
               running_mean: torch.Tensor, running_var: torch.Tensor, eps: float = 1e-5,
               momentum: float = 0.1, training: bool = True,
               ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """What nn.BatchNorm1d/2d computes; returns (Y, new_running_mean, new_running_var)."""
    dims = (0,) if X.dim() == 2 else (0, 2, 3)
    shape = (1, -1) + (1,) * (X.dim() - 2)           # (1, C) or (1, C, 1, 1)
    if training:
        mean = X.mean(dim=dims)
        var = X.var(dim=dims, correction=0)           # biased: used to normalise
        unbiased = X.var(dim=dims, correction=1)      # unbiased: kept in the running stat
        running_mean = (1 - momentum) * running_mean + momentum * mean
        running_var = (1 - momentum) * running_var + momentum * unbiased
    else:
        mean, var = running_mean, running_var
    X_hat = (X - mean.reshape(shape)) / torch.sqrt(var.reshape(shape) + eps)
    return gamma.reshape(shape) * X_hat + beta.reshape(shape), running_mean, running_var
