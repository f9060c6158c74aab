"""d2l's style: keepdim statistics over dims (0, 2, 3); the running update under no_grad."""

import torch


def batch_norm(X: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor,
               running_mean: torch.Tensor, running_var: torch.Tensor, eps: float = 1e-5,
               momentum: float = 0.1, training: bool = True,
               ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    dims = (0,) if X.dim() == 2 else (0, 2, 3)
    if X.dim() == 2:
        g, b = gamma.reshape(1, -1), beta.reshape(1, -1)
        rm, rv = running_mean.reshape(1, -1), running_var.reshape(1, -1)
    else:
        g, b = gamma[None, :, None, None], beta[None, :, None, None]
        rm, rv = running_mean[None, :, None, None], running_var[None, :, None, None]
    if not training:
        X_hat = (X - rm) / torch.sqrt(rv + eps)
        return g * X_hat + b, running_mean, running_var
    mean = X.mean(dim=dims, keepdim=True)
    var = ((X - mean) ** 2).mean(dim=dims, keepdim=True)
    X_hat = (X - mean) / torch.sqrt(var + eps)
    with torch.no_grad():
        unbiased = X.var(dim=dims, unbiased=True)
        new_mean = (1.0 - momentum) * running_mean + momentum * mean.flatten()
        new_var = (1.0 - momentum) * running_var + momentum * unbiased
    return g * X_hat + b, new_mean, new_var
