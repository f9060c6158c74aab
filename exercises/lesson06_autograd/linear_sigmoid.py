"""Lesson 06, exercise 7: a custom autograd Function with its own backward."""

import torch
from torch import Tensor


class LinearSigmoid(torch.autograd.Function):
    """y = sigmoid(x @ W + b), with a hand-written backward.

    Shapes: x (N, D), W (D, H), b (H,) -> y (N, H).

    forward(ctx, x, W, b) computes y and saves what backward needs with
    ctx.save_for_backward(...) (not as ctx attributes: saved tensors are checked
    for in-place changes between forward and backward). x, W and b are not changed.

    backward(ctx, grad_y) receives dloss/dy, shape (N, H), and returns one gradient
    per input of forward, in order: (dloss/dx, dloss/dW, dloss/db), each shaped like
    its input (None is allowed for an input with ctx.needs_input_grad False).
    sigmoid'(z) = y·(1 − y).

    Rules:
        linear_sigmoid must go through this Function: its result's grad_fn is a
        LinearSigmoidBackward node. The check runs torch.autograd.gradcheck in float64.
    """

    @staticmethod
    def forward(ctx, x: Tensor, W: Tensor, b: Tensor) -> Tensor:
        # TODO: forward: compute y, save x, W and y, return y; then write backward below.
        raise NotImplementedError("LinearSigmoid.forward: not written yet")

    @staticmethod
    def backward(ctx, grad_y: Tensor) -> tuple[Tensor | None, Tensor | None, Tensor | None]:
        # backward: read ctx.saved_tensors; return (grad_x, grad_W, grad_b).
        raise NotImplementedError("LinearSigmoid.backward: not written yet")


def linear_sigmoid(x: Tensor, W: Tensor, b: Tensor) -> Tensor:
    """sigmoid(x @ W + b) through LinearSigmoid (given: Functions are called with .apply).

    Example:
        >>> x = torch.randn(4, 3, dtype=torch.float64, requires_grad=True)
        >>> W = torch.randn(3, 2, dtype=torch.float64, requires_grad=True)
        >>> b = torch.randn(2, dtype=torch.float64, requires_grad=True)
        >>> torch.autograd.gradcheck(linear_sigmoid, (x, W, b))
        True
    """
    return LinearSigmoid.apply(x, W, b)
