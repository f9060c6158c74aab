"""zero_grad(set_to_none=False), losses collected in a list, weighted sum at the end."""

from collections.abc import Callable

import torch
from torch import Tensor, nn


def train_epoch(net: nn.Module, loss_fn: Callable[[Tensor, Tensor], Tensor],
                optimizer: torch.optim.Optimizer, X: Tensor, y: Tensor, batch_size: int,
                generator: torch.Generator) -> float:
    losses, sizes = [], []
    order = torch.randperm(len(X), generator=generator).to(X.device)
    for idx in order.split(batch_size):
        Xb, yb = X.index_select(0, idx), y.index_select(0, idx)
        optimizer.zero_grad(set_to_none=False)
        loss = loss_fn(net(Xb), yb)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        sizes.append(len(idx))
    return sum(loss * size for loss, size in zip(losses, sizes, strict=True)) / len(X)
