"""Lesson 03, exercise 5: interleave the rows of two tensors."""

import torch


def interleave(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Alternate the rows of a and b: a[0], b[0], a[1], b[1], ...

    Rules: no Python loops (for, while, comprehensions).

    Args:
        a: shape (N, ...).
        b: the same shape and dtype as a.

    Returns:
        Shape (2N, ...) with ``out[2 * i] == a[i]`` and ``out[2 * i + 1] == b[i]``.

    Example:
        >>> interleave(torch.tensor([[1, 1], [2, 2]]), torch.tensor([[10, 10], [20, 20]]))
        tensor([[ 1,  1],
                [10, 10],
                [ 2,  2],
                [20, 20]])
    """
    # TODO: pair each row of a with the row of b, then merge the pair dim into dim 0.
    raise NotImplementedError("interleave: not written yet")
