"""optimizer.step(closure): the closure clears, computes the loss and backpropagates."""

from collections.abc import Callable

import torch
from torch import Tensor, nn


def train_epoch(net: nn.Module, loss_fn: Callable[[Tensor, Tensor], Tensor],
                optimizer: torch.optim.Optimizer, X: Tensor, y: Tensor, batch_size: int,
                generator: torch.Generator) -> float:
    total = 0.0
    for idx in torch.randperm(len(X), generator=generator).split(batch_size):
        Xb, yb = X[idx], y[idx]

        def closure() -> Tensor:
            optimizer.zero_grad()
            loss = loss_fn(net(Xb), yb)  # noqa: B023 - called at once, in this iteration
            loss.backward()
            return loss

        loss = optimizer.step(closure)
        total += float(loss) * len(idx)
    return total / len(X)
