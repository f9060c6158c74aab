"""Wrong: adds up the batch MEAN losses and divides by N, which under-reports by about batch_size."""

from collections.abc import Callable

import torch
from torch import Tensor, nn


def train_epoch(net: nn.Module, loss_fn: Callable[[Tensor, Tensor], Tensor],
                optimizer: torch.optim.Optimizer, X: Tensor, y: Tensor, batch_size: int,
                generator: torch.Generator) -> float:
    total = 0.0
    for idx in torch.randperm(X.shape[0], generator=generator).split(batch_size):
        loss = loss_fn(net(X[idx]), y[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / X.shape[0]
