"""Lesson 07, exercise 5: gradient checking a backward pass."""

from collections.abc import Callable

import torch
from torch import Tensor

from tutor.testing import numeric_gradient, relative_error

BackwardFn = Callable[..., dict[str, Tensor]]


def mlp_loss(x: Tensor, y: Tensor, params: dict[str, Tensor]) -> Tensor:
    """mean((sigmoid(x @ W1 + b1) @ W2 + b2 − y)²), the loss mlp_backward differentiates."""
    h = torch.sigmoid(x @ params["W1"] + params["b1"])
    return ((h @ params["W2"] + params["b2"] - y) ** 2).mean()


def gradient_check(backward_fn: BackwardFn, x: Tensor, y: Tensor,
                   params: dict[str, Tensor]) -> dict[str, float]:
    """Relative error between backward_fn's gradients and central differences, per parameter."""
    analytic = backward_fn(x, y, **params)
    errors = {}
    for name, value in params.items():
        def loss_of(t: Tensor, name: str = name) -> Tensor:
            return mlp_loss(x, y, {**params, name: t})
        numeric = numeric_gradient(loss_of, value.clone())
        errors[name] = relative_error(analytic[name], numeric)
    return errors
