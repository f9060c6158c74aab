"""range(0, N, batch_size) slices of the permutation."""

from collections.abc import Iterator

import torch
from torch import Tensor


def iterate_minibatches(X: Tensor, y: Tensor, batch_size: int,
                        generator: torch.Generator) -> Iterator[tuple[Tensor, Tensor]]:
    n = len(X)
    perm = torch.randperm(n, generator=generator)
    for start in range(0, n, batch_size):
        idx = perm[start:start + batch_size]
        yield X[idx], y[idx]
