"""Lesson 08, exercise 6: one epoch of mini-batch training."""

from collections.abc import Callable

import torch
from torch import Tensor, nn


def train_epoch(net: nn.Module, loss_fn: Callable[[Tensor, Tensor], Tensor],
                optimizer: torch.optim.Optimizer, X: Tensor, y: Tensor, batch_size: int,
                generator: torch.Generator) -> float:
    """One pass over shuffled mini-batches; returns the mean loss per example."""
    total = 0.0
    for idx in torch.randperm(X.shape[0], generator=generator).split(batch_size):
        X_batch, y_batch = X[idx], y[idx]
        loss = loss_fn(net(X_batch), y_batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(idx)
    return total / X.shape[0]
