"""Wrong: unpacks each mini-batch but computes the loss on the full X and y (seed 000's bug)."""

from collections.abc import Callable

import torch
from torch import Tensor, nn


def train_epoch(net: nn.Module, loss_fn: Callable[[Tensor, Tensor], Tensor],
                optimizer: torch.optim.Optimizer, X: Tensor, y: Tensor, batch_size: int,
                generator: torch.Generator) -> float:
    total = 0.0
    for idx in torch.randperm(X.shape[0], generator=generator).split(batch_size):
        X_batch, y_batch = X[idx], y[idx]
        loss = loss_fn(net(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(X_batch)
    return total / X.shape[0]
