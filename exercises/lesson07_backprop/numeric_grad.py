"""Lesson 07, exercise 1: a numeric gradient by central differences."""

from collections.abc import Callable

import torch
from torch import Tensor


def numeric_grad(f: Callable[[Tensor], Tensor], x: Tensor, eps: float = 1e-6) -> Tensor:
    """Estimate the gradient of a scalar function f at x by central differences.

    For every element x[i]:

        grad[i] = (f(x + eps·e_i) − f(x − eps·e_i)) / (2·eps)

    where e_i is 1 at position i and 0 everywhere else.

    Args:
        f: takes one tensor shaped like x and returns a scalar (a 0-dim tensor).
        x: the point, any shape: (), (D,), (D, H), ... It may be a non-contiguous
            view (for example a transposed matrix). Use float64 (see the lesson).
        eps: the size of the nudge.

    Returns:
        A tensor with the shape, dtype and device of x. Exactly 2·x.numel() calls
        of f. Afterwards x holds exactly its original values (every bit).

    Rules:
        No autograd: `backward` and `torch.autograd.grad` are switched off.

    Example:
        >>> x = torch.tensor([1.0, 2.0], dtype=torch.float64)
        >>> numeric_grad(lambda t: (t ** 2).sum(), x)
        tensor([2.0000, 4.0000], dtype=torch.float64)
    """
    # TODO: for each element, nudge it up and down by eps, evaluate f, put it back.
    raise NotImplementedError("numeric_grad: not written yet")
