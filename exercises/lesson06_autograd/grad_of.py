"""Lesson 06, exercise 1: the gradient of a function at a point."""

from collections.abc import Callable

import torch
from torch import Tensor


def grad_of(f: Callable[[Tensor], Tensor], x: Tensor) -> Tensor:
    """Return df/dx at x, computed by autograd, without side effects on x.

    Args:
        f: a function that takes a tensor shaped like x and returns a 0-d tensor
            (a scalar), built from differentiable torch operations.
        x: a floating-point tensor of any shape (N, ...); it may or may not
            require grad, and may already hold a ``.grad`` that belongs to the caller.

    Returns:
        The gradient: same shape, dtype and device as x, with no graph attached
        (``requires_grad=False``). Afterwards the caller's x is unchanged: same
        values, same ``requires_grad`` flag, same ``.grad``. Calling it twice gives
        the same answer. It also works when called inside ``torch.no_grad()``.

    Example:
        >>> x = torch.tensor([[2.0, -1.0], [1.0, 1.0]])
        >>> grad_of(lambda t: t.pow(2).sum(), x)
        tensor([[ 4., -2.],
                [ 2.,  2.]])
        >>> x.requires_grad, x.grad
        (False, None)
    """
    # TODO: make your own leaf from x, evaluate f on it once, and ask autograd for the gradient.
    raise NotImplementedError("grad_of: not written yet")
