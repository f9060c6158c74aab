"""torch.var(correction=1) for the running variance, permute for NCHW, out-of-place updates."""

import torch


def batch_norm(X: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor,
               running_mean: torch.Tensor, running_var: torch.Tensor, eps: float = 1e-5,
               momentum: float = 0.1, training: bool = True,
               ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    # Channels last: then every statistic is a reduction over all dims but the last.
    Xc = X if X.dim() == 2 else X.permute(0, 2, 3, 1)
    dims = tuple(range(Xc.dim() - 1))
    if training:
        mean = Xc.mean(dims)
        var = Xc.var(dims, correction=0)
        new_rm = running_mean * (1 - momentum) + mean * momentum
        new_rv = running_var * (1 - momentum) + torch.var(Xc, dims, correction=1) * momentum
    else:
        mean, var = running_mean, running_var
        new_rm, new_rv = running_mean, running_var
    Y = (Xc - mean) / (var + eps).sqrt() * gamma + beta
    Y = Y if X.dim() == 2 else Y.permute(0, 3, 1, 2)
    return Y, new_rm, new_rv
