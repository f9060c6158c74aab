"""Lesson 07, exercise 7: gradient checking any backward pass."""

from collections.abc import Callable

import torch
from torch import Tensor

LossFn = Callable[[dict[str, Tensor]], Tensor]


def gradient_check(loss_fn: LossFn, params: dict[str, Tensor], grads: dict[str, Tensor],
                   eps: float = 1e-6) -> dict[str, float]:
    """Compare hand-written gradients with central differences, parameter by parameter.

    For every parameter `name` and every element i of it, nudge that one element
    up and down by eps (all other elements of all parameters as they are) and take
    (loss_fn(up) − loss_fn(down)) / (2·eps): exactly 2 calls of loss_fn per element.
    Always do this in float64, whatever dtype params has (float32 differences are
    useless at eps = 1e-6: see the lesson). Then compare with grads[name] by the
    lesson's relative error, max|a − b| / max(|a| + |b|) (0.0 when both are all zero).

    Args:
        loss_fn: takes a dict shaped like params and returns a 0-dim tensor.
        params: name -> tensor, any floating dtype, any shape (also () or non-contiguous).
            They may require grad (model parameters).
        grads: name -> the gradient to check, with the shape of params[name].
        eps: the nudge.

    Returns:
        {name: relative error as a Python float} for every parameter. params and
        grads are not changed (values, dtype, requires_grad, .grad).

    Raises:
        ValueError: naming the key, when grads and params have different keys or a
            gradient's shape differs from its parameter's.

    Rules:
        No autograd: `backward` and `torch.autograd.grad` are switched off.

    Example:
        >>> w = torch.tensor([1.0, 2.0])
        >>> gradient_check(lambda p: (p["w"] ** 2).sum(), {"w": w}, {"w": 2 * w})
        {'w': 3.49444917441793e-11}      # anything below 1e-7 means "right"
    """
    # TODO: float64 copies of every parameter; nudge each element of each; compare.
    raise NotImplementedError("gradient_check: not written yet")
