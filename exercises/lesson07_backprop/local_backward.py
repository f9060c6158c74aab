"""Lesson 07, exercise 5: backward through ReLU and through softmax + cross-entropy."""

import torch
from torch import Tensor


def relu_backward(d_a: Tensor, z: Tensor) -> Tensor:
    """The gradient that flows back through a = relu(z).

    Given d_a = dloss/da, return dloss/dz = d_a · relu'(z), where relu'(z) is 1
    where z > 0 and 0 where z <= 0 (at exactly 0, PyTorch's ReLU passes no gradient).

    Args:
        d_a: shape (N, H), the gradient of the loss with respect to the ReLU's output.
        z: shape (N, H), the ReLU's input, as saved by the forward pass.

    Returns:
        A new tensor of shape (N, H), with d_a's dtype and device. d_a and z are
        not changed.

    Raises:
        ValueError: when d_a and z have different shapes.

    Rules:
        No autograd (`backward`, `torch.autograd.grad`); no Python loops.

    Example:
        >>> relu_backward(torch.tensor([[1., 2., 3.]]), torch.tensor([[-1., 0., 5.]]))
        tensor([[0., 0., 3.]])
    """
    # TODO: keep d_a where z > 0, zero elsewhere.
    raise NotImplementedError("relu_backward: not written yet")


def softmax_ce_backward(logits: Tensor, labels: Tensor) -> Tensor:
    """dloss/dlogits for loss = F.cross_entropy(logits, labels), the mean over the batch.

    With p = softmax(logits) row by row and Y the one-hot labels, the gradient is
    (p − Y) / N: the famous "p − y", divided by N because the loss is a mean.

    Args:
        logits: shape (N, C), any floating dtype; entries may be as large as 1e4.
        labels: shape (N,), int64 class indices in [0, C).

    Returns:
        A new tensor of shape (N, C), with logits' dtype and device, finite for
        huge logits. The inputs are not changed.

    Raises:
        ValueError: when logits is not 2-D, or labels is not of shape (N,).

    Rules:
        No autograd (`backward`, `torch.autograd.grad`); no Python loops.

    Example:
        >>> softmax_ce_backward(torch.zeros(2, 2), torch.tensor([0, 1]))
        tensor([[-0.2500,  0.2500],
                [ 0.2500, -0.2500]])
    """
    # TODO: softmax of the logits, minus the one-hot labels, divided by the batch size.
    raise NotImplementedError("softmax_ce_backward: not written yet")
