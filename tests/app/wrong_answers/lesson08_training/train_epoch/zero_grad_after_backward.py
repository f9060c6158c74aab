"""Wrong: calls zero_grad between backward and step, so step() sees no gradient at all."""

from collections.abc import Callable

import torch
from torch import Tensor, nn


def train_epoch(net: nn.Module, loss_fn: Callable[[Tensor, Tensor], Tensor],
                optimizer: torch.optim.Optimizer, X: Tensor, y: Tensor, batch_size: int,
                generator: torch.Generator) -> float:
    total = 0.0
    for idx in torch.randperm(X.shape[0], generator=generator).split(batch_size):
        loss = loss_fn(net(X[idx]), y[idx])
        loss.backward()
        optimizer.zero_grad()
        optimizer.step()
        total += loss.item() * len(idx)
    return total / X.shape[0]
