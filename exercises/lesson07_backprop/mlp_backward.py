"""Lesson 07, exercise 4: a two-layer network's backward pass by hand."""

import torch
from torch import Tensor


def mlp_backward(x: Tensor, y: Tensor, W1: Tensor, b1: Tensor, W2: Tensor,
                 b2: Tensor) -> dict[str, Tensor]:
    """Gradients of the two-layer network's MSE loss, by the chain rule.

    The network and its loss:

        h     = sigmoid(x @ W1 + b1)
        y_hat = h @ W2 + b2
        loss  = mean((y_hat − y) ** 2)        # the mean over all N·O elements

    Args:
        x: shape (N, D), a batch of inputs.
        y: shape (N, O), the targets.
        W1: shape (D, H); b1: shape (H,).
        W2: shape (H, O); b2: shape (O,).

    Returns:
        {"W1": dloss/dW1, "b1": dloss/db1, "W2": dloss/dW2, "b2": dloss/db2}, each
        with the shape, dtype and device of its parameter. The inputs are not changed.

    Rules:
        No autograd: `backward` and `torch.autograd.grad` are switched off.

    Example (the toy network of the lesson, x = [[1., 1.]], y = [[0.]]):
        >>> grads = mlp_backward(x, y, W1, b1, W2, b2)
        >>> grads["b2"]
        tensor([-1.1568], dtype=torch.float64)
    """
    # TODO: run the forward pass, then walk back: y_hat, W2 and b2, h, W1 and b1.
    raise NotImplementedError("mlp_backward: not written yet")
