"""Lesson 13, exercise 4: logistic regression, end to end."""

import torch
import torch.nn.functional as F
from torch import Tensor


def predict_proba(X: Tensor, w: Tensor, b: Tensor) -> Tensor:
    """The model's probability that each row of X belongs to class 1: sigmoid(X @ w + b).

    Args:
        X: shape (N, D), float.
        w: shape (D,), the weights.
        b: shape (), the bias.

    Returns:
        Shape (N,), in X's dtype and on X's device, differentiable with respect to w and b.

    Raises:
        ValueError: X is not 2-D, or w is not of shape (D,).

    Example:
        >>> predict_proba(torch.tensor([[1.0, 2.0]]), torch.tensor([0.5, -1.0]), torch.tensor(1.0))
        tensor([0.3775])
    """
    # TODO (task 1): check the shapes, then the sigmoid of the scores.
    raise NotImplementedError("predict_proba: not written yet")


def train_logistic_regression(X: Tensor, y: Tensor, lr: float = 0.5,
                              num_epochs: int = 100) -> tuple[Tensor, Tensor, list[float]]:
    """Fit w and b by full-batch gradient descent on the mean binary cross-entropy.

    Start from w = 0 (shape (D,)) and b = 0 (shape ()), in X's dtype and on X's device.
    Each epoch: the logits X @ w + b; the mean BCE-with-logits against y; record that loss
    as a Python float (the loss BEFORE this epoch's update); then w ← w − lr·dL/dw and
    b ← b − lr·dL/db. Autograd, a hand-written gradient, nn.Linear or torch.optim.SGD
    are all fine, as long as the steps are exactly these.

    Args:
        X: shape (N, D), float. Not changed.
        y: shape (N,), 0./1. labels in X's dtype. Not changed.
        lr: the learning rate.
        num_epochs: the number of updates (0 returns the zero start and []).

    Returns:
        (w, b, losses): w of shape (D,) and b of shape (), detached (no graph,
        requires_grad False) in X's dtype and on X's device; losses, num_epochs floats.

    Example:
        >>> X = torch.tensor([[1.0], [-1.0]]); y = torch.tensor([1.0, 0.0])
        >>> w, b, losses = train_logistic_regression(X, y, lr=0.5, num_epochs=2)
        >>> losses          # the first is log(2): sigmoid(0) = 0.5 for every row
        [0.6931471824645996, 0.575939416885376]
    """
    # TODO (task 2): zero w and b, then num_epochs of forward, record, gradient, update.
    raise NotImplementedError("train_logistic_regression: not written yet")
