"""Lesson 06, exercise 5: second derivatives with create_graph."""

from collections.abc import Callable

import torch
from torch import Tensor


def second_derivative(f: Callable[[Tensor], Tensor], x: Tensor) -> Tensor:
    """d²f/dx² at every element of x, for an elementwise f.

    f works element by element (like ``torch.sin`` or ``lambda t: t**3``): output
    element i depends only on x[i]. So the gradient of ``f(x).sum()`` is f'(x)
    element by element, and differentiating ``f'(x).sum()`` again gives f''(x).

    Args:
        f: an elementwise, twice-differentiable function.
        x: a floating-point tensor of any shape; the caller's x is left unchanged.

    Returns:
        f''(x): same shape, dtype and device as x, with no graph attached. A
        linear f (such as ``lambda t: 3 * t + 1``) gives zeros.

    Example:
        >>> second_derivative(lambda t: t**3, torch.tensor([1.0, 2.0, -3.0]))
        tensor([  6.,  12., -18.])
    """
    # TODO: first grad with create_graph=True, then the grad of its sum.
    raise NotImplementedError("second_derivative: not written yet")
