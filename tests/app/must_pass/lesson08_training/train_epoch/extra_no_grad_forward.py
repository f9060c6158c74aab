"""An epoch that also logs the full-data loss with an extra forward under no_grad."""

from collections.abc import Callable

import torch
from torch import Tensor, nn


def train_epoch(net: nn.Module, loss_fn: Callable[[Tensor, Tensor], Tensor],
                optimizer: torch.optim.Optimizer, X: Tensor, y: Tensor, batch_size: int,
                generator: torch.Generator) -> float:
    total = 0.0
    for idx in torch.randperm(X.shape[0], generator=generator).split(batch_size):
        X_batch, y_batch = X[idx], y[idx]
        loss = loss_fn(net(X_batch), y_batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(idx)
    with torch.no_grad():  # for a progress log only: trains nothing
        full_loss = loss_fn(net(X), y).item()
    del full_loss
    return total / X.shape[0]
