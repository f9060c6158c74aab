"""Wrong: shuffles X and y with two different permutations, so pairs no longer match."""

from collections.abc import Iterator

import torch
from torch import Tensor


def iterate_minibatches(X: Tensor, y: Tensor, batch_size: int,
                        generator: torch.Generator) -> Iterator[tuple[Tensor, Tensor]]:
    X_shuffled = X[torch.randperm(X.shape[0], generator=generator)]
    y_shuffled = y[torch.randperm(y.shape[0], generator=generator)]
    for start in range(0, X.shape[0], batch_size):
        yield X_shuffled[start:start + batch_size], y_shuffled[start:start + batch_size]
