"""Wrong: the range stops early, so the last, shorter batch is silently dropped."""

from collections.abc import Iterator

import torch
from torch import Tensor


def iterate_minibatches(X: Tensor, y: Tensor, batch_size: int,
                        generator: torch.Generator) -> Iterator[tuple[Tensor, Tensor]]:
    perm = torch.randperm(X.shape[0], generator=generator)
    for start in range(0, X.shape[0] - batch_size + 1, batch_size):
        idx = perm[start:start + batch_size]
        yield X[idx], y[idx]
