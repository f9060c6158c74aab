"""DataLoader(TensorDataset(X, y), sampler=perm.tolist()) yields the batches."""

from collections.abc import Iterator

import torch
from torch import Tensor
from torch.utils.data import DataLoader, TensorDataset


def iterate_minibatches(X: Tensor, y: Tensor, batch_size: int,
                        generator: torch.Generator) -> Iterator[tuple[Tensor, Tensor]]:
    perm = torch.randperm(len(X), generator=generator)
    loader = DataLoader(TensorDataset(X, y), batch_size=batch_size, sampler=perm.tolist())
    yield from (tuple(batch) for batch in loader)    # the loader yields [X_batch, y_batch]
