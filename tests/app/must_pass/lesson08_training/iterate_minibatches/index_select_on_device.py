"""The permutation moved to X's device, then index_select per batch."""

from collections.abc import Iterator

import torch
from torch import Tensor


def iterate_minibatches(X: Tensor, y: Tensor, batch_size: int,
                        generator: torch.Generator) -> Iterator[tuple[Tensor, Tensor]]:
    perm = torch.randperm(X.size(0), generator=generator).to(X.device)
    for idx in torch.split(perm, batch_size):
        yield X.index_select(0, idx), y.index_select(0, idx.to(y.device))
