"""net.train(), net.zero_grad() before the forward, a tensor running total, range slices."""

from collections.abc import Callable

import torch
from torch import Tensor, nn


def train_epoch(net: nn.Module, loss_fn: Callable[[Tensor, Tensor], Tensor],
                optimizer: torch.optim.Optimizer, X: Tensor, y: Tensor, batch_size: int,
                generator: torch.Generator) -> float:
    net.train()
    n = X.shape[0]
    perm = torch.randperm(n, generator=generator)
    total = torch.zeros((), device=X.device)
    for start in range(0, n, batch_size):
        idx = perm[start:start + batch_size]
        net.zero_grad()
        loss = loss_fn(net(X[idx]), y[idx])
        loss.backward()
        optimizer.step()
        total += loss.detach() * idx.numel()
    return (total / n).item()
