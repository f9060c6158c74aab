"""Lesson 07, exercise 5: gradient checking a backward pass."""

from collections.abc import Callable

import torch
from torch import Tensor

# Same contracts as your exercises 1 and 2 (paste yours here instead if you like).
from tutor.testing import numeric_gradient, relative_error

BackwardFn = Callable[..., dict[str, Tensor]]


def mlp_loss(x: Tensor, y: Tensor, params: dict[str, Tensor]) -> Tensor:
    """mean((sigmoid(x @ W1 + b1) @ W2 + b2 − y)²): the loss mlp_backward differentiates (given)."""
    h = torch.sigmoid(x @ params["W1"] + params["b1"])
    return ((h @ params["W2"] + params["b2"] - y) ** 2).mean()


def gradient_check(backward_fn: BackwardFn, x: Tensor, y: Tensor,
                   params: dict[str, Tensor]) -> dict[str, float]:
    """Compare a hand-written backward pass with central differences, parameter by parameter.

    Args:
        backward_fn: a function with mlp_backward's signature,
            backward_fn(x, y, W1, b1, W2, b2) -> {"W1": ..., "b1": ..., "W2": ..., "b2": ...}.
        x: shape (N, D); y: shape (N, O), float64.
        params: {"W1": (D, H), "b1": (H,), "W2": (H, O), "b2": (O,)}, float64.

    Returns:
        {"W1": e1, "b1": e2, "W2": e3, "b2": e4}: for each parameter, the relative
        error (a Python float) between backward_fn's gradient and the numeric
        gradient of mlp_loss with respect to that parameter, all others held fixed.
        The tensors in params are not changed.

    Rules:
        No autograd: `backward` and `torch.autograd.grad` are switched off.

    Example:
        >>> errors = gradient_check(mlp_backward, x, y, params)   # a correct backward
        >>> all(e < 1e-7 for e in errors.values())
        True
    """
    # TODO: one numeric gradient per parameter (the others fixed), then compare.
    raise NotImplementedError("gradient_check: not written yet")
