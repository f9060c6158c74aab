"""Lesson 08, exercise 5: shuffled mini-batches."""

from collections.abc import Iterator

import torch
from torch import Tensor


def iterate_minibatches(X: Tensor, y: Tensor, batch_size: int,
                        generator: torch.Generator) -> Iterator[tuple[Tensor, Tensor]]:
    """Yield the data once, as shuffled mini-batches ``(X_batch, y_batch)``.

    The order is fixed by ``perm = torch.randperm(N, generator=generator)``: the batches
    are the consecutive slices ``perm[0:batch_size]``, ``perm[batch_size:2*batch_size]``,
    ... of it, and the last batch is shorter when ``batch_size`` does not divide N.

    Args:
        X: shape (N, ...), the features (any device, any dtype).
        y: shape (N, ...), the targets; row i of y belongs to row i of X.
        batch_size: rows per batch (>= 1).
        generator: a CPU ``torch.Generator``; draw the permutation from it.

    Yields:
        ``(X[idx], y[idx])`` for each slice ``idx`` of the permutation.

    Example:
        >>> X, y = torch.arange(10.).reshape(5, 2), torch.arange(5)
        >>> [yb.tolist() for _, yb in iterate_minibatches(X, y, 2, torch.Generator().manual_seed(0))]
        [[4, 0], [1, 3], [2]]
    """
    # TODO: draw one permutation, then yield X and y indexed by each slice of it.
    raise NotImplementedError("iterate_minibatches: not written yet")
