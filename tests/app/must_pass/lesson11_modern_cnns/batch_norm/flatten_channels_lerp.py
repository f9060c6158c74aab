"""Channels to dim 0 and flattened, var_mean(correction=0), torch.lerp for the running stats."""

import torch


def batch_norm(X: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor,
               running_mean: torch.Tensor, running_var: torch.Tensor, eps: float = 1e-5,
               momentum: float = 0.1, training: bool = True,
               ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    C = X.shape[1]
    shape = (1, C) + (1,) * (X.dim() - 2)
    if training:
        per_channel = X.transpose(0, 1).reshape(C, -1)
        m = per_channel.shape[1]
        var, mean = torch.var_mean(per_channel, dim=1, correction=0)
        new_mean = torch.lerp(running_mean, mean, momentum)
        new_var = torch.lerp(running_var, var * m / (m - 1), momentum)
    else:
        mean, var = running_mean, running_var
        new_mean, new_var = running_mean.clone(), running_var.clone()
    Y = (X - mean.view(shape)) / torch.sqrt(var.view(shape) + eps)
    return gamma.view(shape) * Y + beta.view(shape), new_mean, new_var
