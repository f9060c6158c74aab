"""Wrong: the slope is computed as sigmoid(y)·(1 − sigmoid(y)), the sigmoid applied a second time to the saved output."""

import torch
from torch import Tensor


class LinearSigmoid(torch.autograd.Function):
    """y = sigmoid(x @ W + b), with a hand-written backward."""

    @staticmethod
    def forward(ctx, x: Tensor, W: Tensor, b: Tensor) -> Tensor:
        y = torch.sigmoid(x @ W + b)
        ctx.save_for_backward(x, W, y)          # checked by autograd's version counter
        return y

    @staticmethod
    def backward(ctx, grad_y: Tensor) -> tuple[Tensor | None, Tensor | None, Tensor | None]:
        x, W, y = ctx.saved_tensors
        grad_z = grad_y * torch.sigmoid(y) * (1 - torch.sigmoid(y))           # sigmoid'(z) = y·(1 − y)
        grad_x = grad_z @ W.T if ctx.needs_input_grad[0] else None
        grad_W = x.T @ grad_z if ctx.needs_input_grad[1] else None
        grad_b = grad_z.sum(dim=0) if ctx.needs_input_grad[2] else None
        return grad_x, grad_W, grad_b


def linear_sigmoid(x: Tensor, W: Tensor, b: Tensor) -> Tensor:
    """sigmoid(x @ W + b) through LinearSigmoid."""
    return LinearSigmoid.apply(x, W, b)
