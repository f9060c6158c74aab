"""Wrong: shuffles with the global random state instead of the generator it was given."""

from collections.abc import Iterator

import torch
from torch import Tensor


def iterate_minibatches(X: Tensor, y: Tensor, batch_size: int,
                        generator: torch.Generator) -> Iterator[tuple[Tensor, Tensor]]:
    perm = torch.randperm(X.shape[0])
    for idx in perm.split(batch_size):
        yield X[idx], y[idx]
