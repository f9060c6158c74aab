"""Lesson 06, exercise 4: a Jacobian, one vector-Jacobian product per row."""

from collections.abc import Callable

import torch
from torch import Tensor


def jacobian(f: Callable[[Tensor], Tensor], x: Tensor) -> Tensor:
    """The Jacobian of f at x: ``J[i, j] = d f(x)[i] / d x[j]``.

    Autograd computes vector-Jacobian products vᵀJ. With v = e_i (1 at position
    i, 0 elsewhere), vᵀJ is row i of J. Build J one row at a time from a single
    forward pass: evaluate f once and keep its graph between backward passes.

    Args:
        f: a differentiable function from shape (n,) to shape (m,), m >= 1.
        x: a floating-point tensor of shape (n,); the caller's x is left unchanged
            (``requires_grad`` and ``.grad`` as they were).

    Returns:
        J, shape (m, n), same dtype and device as x, with no graph attached.

    Rules:
        No ``torch.autograd.functional.jacobian``, ``torch.func.jacrev`` or
        ``torch.func.jacfwd``.

    Example:
        >>> A = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
        >>> jacobian(lambda t: A @ t, torch.zeros(2))
        tensor([[1., 2.],
                [3., 4.],
                [5., 6.]])
    """
    # TODO: one forward pass, then one grad call per output with grad_outputs=e_i.
    raise NotImplementedError("jacobian: not written yet")
