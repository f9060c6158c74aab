"""Lesson 08, exercise 6: one epoch of mini-batch training."""

from collections.abc import Callable

import torch
from torch import Tensor, nn


def train_epoch(net: nn.Module, loss_fn: Callable[[Tensor, Tensor], Tensor],
                optimizer: torch.optim.Optimizer, X: Tensor, y: Tensor, batch_size: int,
                generator: torch.Generator) -> float:
    """Train ``net`` for one epoch of shuffled mini-batches; return the mean loss per example.

    Batches come in the order of exercise 5: consecutive slices of
    ``torch.randperm(N, generator=generator)``. For each batch: compute
    ``loss = loss_fn(net(X_batch), y_batch)`` (a batch MEAN), clear the old gradients,
    backpropagate, and take one ``optimizer.step()``.

    Args:
        net: the model; it lives on the same device as X and y.
        loss_fn: a mean-reduced loss such as ``nn.MSELoss()``.
        optimizer: an optimizer over ``net.parameters()``.
        X: shape (N, D), the features.
        y: shape (N, ...), the targets, shaped like ``net``'s output.
        batch_size: rows per batch.
        generator: a CPU ``torch.Generator`` that fixes the order.

    Returns:
        The mean loss per EXAMPLE over the epoch, as a Python float: each batch's loss
        (computed before its step) weighted by the batch's size, divided by N.

    Example:
        >>> net = nn.Linear(1, 1); nn.init.zeros_(net.weight); nn.init.zeros_(net.bias)
        >>> X = torch.arange(1., 6.).unsqueeze(1)          # predictions are all 0
        >>> opt = torch.optim.SGD(net.parameters(), lr=0.0)
        >>> train_epoch(net, nn.MSELoss(), opt, X, X.clone(), 2, torch.Generator().manual_seed(0))
        11.0
    """
    # TODO: loop over the batches: forward, loss, zero_grad, backward, step; keep a weighted sum.
    raise NotImplementedError("train_epoch: not written yet")
