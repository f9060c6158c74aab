"""A DataLoader over a TensorDataset whose sampler is the permutation's list."""

from collections.abc import Callable

import torch
from torch import Tensor, nn
from torch.utils.data import DataLoader, TensorDataset


def train_epoch(net: nn.Module, loss_fn: Callable[[Tensor, Tensor], Tensor],
                optimizer: torch.optim.Optimizer, X: Tensor, y: Tensor, batch_size: int,
                generator: torch.Generator) -> float:
    order = torch.randperm(X.shape[0], generator=generator).tolist()
    loader = DataLoader(TensorDataset(X, y), batch_size=batch_size, sampler=order)
    running = 0.0
    for Xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(net(Xb), yb)
        loss.backward()
        optimizer.step()
        running += loss.item() * Xb.size(0)
    return running / X.shape[0]
