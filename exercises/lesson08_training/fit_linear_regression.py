"""Lesson 08, exercise 4: linear regression from scratch."""

import torch
from torch import Tensor


def fit_linear_regression(X: Tensor, y: Tensor, lr: float,
                          num_epochs: int) -> tuple[Tensor, Tensor]:
    """Fit ``y_hat = X @ w + b`` by full-batch gradient descent on the mean squared error.

    Start from ``w = 0`` and ``b = 0``. Each epoch is ONE step on the whole data:
    ``loss = mean((X @ w + b - y)**2)``, then ``w <- w - lr * dloss/dw`` and
    ``b <- b - lr * dloss/db``. Use autograd or your own formula; no torch.optim, no nn.

    Args:
        X: shape (N, D), the features.
        y: shape (N,), the targets (note: (N,), not (N, 1)).
        lr: the learning rate.
        num_epochs: the number of gradient-descent steps (0 returns the start).

    Returns:
        ``(w, b)``: w of shape (D,) and b of shape (), in X's dtype and on X's device,
        detached (``requires_grad`` False).

    Example:
        >>> X, y = torch.tensor([[1.0], [2.0], [3.0]]), torch.tensor([2.0, 4.0, 6.0])
        >>> fit_linear_regression(X, y, lr=0.1, num_epochs=1)
        (tensor([1.8667]), tensor(0.8000))
    """
    # TODO: create w and b (requires_grad=True), loop num_epochs times over one full-batch step.
    raise NotImplementedError("fit_linear_regression: not written yet")
