"""Lesson 13, exercise 1: the derivatives of five activations, by hand."""

import math

import torch
from torch import Tensor

NAMES = ("sigmoid", "tanh", "relu", "leaky_relu", "gelu")


def activation_grad(name: str, x: Tensor, negative_slope: float = 0.01) -> Tensor:
    """The derivative d act(x) / dx of an element-wise activation, at every element of x.

    The activations, as PyTorch defines them:

        sigmoid     1 / (1 + exp(-x))                      (torch.sigmoid)
        tanh        (exp(x) - exp(-x)) / (exp(x) + exp(-x))  (torch.tanh)
        relu        max(x, 0)                              (torch.relu)
        leaky_relu  x if x > 0 else negative_slope · x     (F.leaky_relu)
        gelu        x · Φ(x), Φ the standard normal CDF    (F.gelu, the exact erf form)

    At the kink x = 0 use PyTorch's choice: relu' = 0 and leaky_relu' = negative_slope.
    The result must be finite for every finite x (think of x = -1e4 in float32).

    Args:
        name: one of "sigmoid", "tanh", "relu", "leaky_relu", "gelu" (exactly).
        x: any shape, float32 or float64, on any device. Not changed.
        negative_slope: the slope of leaky_relu for x <= 0.

    Returns:
        A tensor with the shape, dtype and device of x.

    Raises:
        ValueError: name is not one of the five.

    Rules:
        No autograd: `backward`, `torch.autograd.grad` and `torch.func` are switched off.

    Example:
        >>> activation_grad("sigmoid", torch.tensor([-2.0, 0.0, 3.0]))
        tensor([0.1050, 0.2500, 0.0452])
    """
    # TODO: one branch per name, each a whole-tensor formula for the derivative.
    raise NotImplementedError("activation_grad: not written yet")
