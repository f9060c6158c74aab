"""Lesson 08, exercise 1: gradients of the cubic fit, by hand."""

import torch
from torch import Tensor


def cubic_grads(x: Tensor, y: Tensor, a: Tensor, b: Tensor, c: Tensor,
                d: Tensor) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    """Gradients of the summed squared error of a cubic, derived by hand.

    The model is ``y_hat = a + b*x + c*x**2 + d*x**3`` and the loss is the SUM of
    squared errors ``L = sum((y_hat - y)**2)`` over all N points (seed 004's loss).

    Args:
        x: shape (N,), the inputs.
        y: shape (N,), the targets.
        a, b, c, d: 0-dim tensors, the coefficients.

    Returns:
        ``(dL/da, dL/db, dL/dc, dL/dd)``: four 0-dim tensors in x's dtype and device.

    Rules:
        No autograd: ``backward()`` and ``torch.autograd.grad`` are disabled in the checks.

    Example:
        >>> x, y = torch.tensor([0., 1., 2.]), torch.tensor([0., 1., 0.])
        >>> cubic_grads(x, y, torch.tensor(0.), torch.tensor(1.), torch.tensor(0.), torch.tensor(0.))
        (tensor(4.), tensor(8.), tensor(16.), tensor(32.))
    """
    # TODO: compute y_hat, then g = dL/dy_hat for every point, then one sum per coefficient.
    raise NotImplementedError("cubic_grads: not written yet")
