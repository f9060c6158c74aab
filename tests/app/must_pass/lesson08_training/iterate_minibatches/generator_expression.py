"""Returns a generator expression over perm.split(batch_size) instead of using yield."""

from collections.abc import Iterator

import torch
from torch import Tensor


def iterate_minibatches(X: Tensor, y: Tensor, batch_size: int,
                        generator: torch.Generator) -> Iterator[tuple[Tensor, Tensor]]:
    perm = torch.randperm(X.shape[0], generator=generator)
    return ((X[idx], y[idx]) for idx in perm.split(batch_size))
