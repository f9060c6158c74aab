"""torch.utils.data's BatchSampler over a RandomSampler that uses the generator."""

from collections.abc import Iterator

import torch
from torch import Tensor
from torch.utils.data import BatchSampler, RandomSampler


def iterate_minibatches(X: Tensor, y: Tensor, batch_size: int,
                        generator: torch.Generator) -> Iterator[tuple[Tensor, Tensor]]:
    sampler = BatchSampler(RandomSampler(range(len(X)), generator=generator),
                           batch_size=batch_size, drop_last=False)
    for idx in sampler:
        yield X[idx], y[idx]
