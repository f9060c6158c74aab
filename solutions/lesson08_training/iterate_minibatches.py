"""Lesson 08, exercise 5: shuffled mini-batches."""

from collections.abc import Iterator

import torch
from torch import Tensor


def iterate_minibatches(X: Tensor, y: Tensor, batch_size: int,
                        generator: torch.Generator) -> Iterator[tuple[Tensor, Tensor]]:
    """Yield (X_batch, y_batch) in the order torch.randperm(N, generator=generator) gives."""
    perm = torch.randperm(X.shape[0], generator=generator)
    for idx in perm.split(batch_size):
        yield X[idx], y[idx]
