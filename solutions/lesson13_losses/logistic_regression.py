"""Lesson 13, exercise 4: logistic regression, end to end."""

import torch
import torch.nn.functional as F
from torch import Tensor


def predict_proba(X: Tensor, w: Tensor, b: Tensor) -> Tensor:
    """P(y = 1 | x) = sigmoid(x · w + b) for every row of X: shape (N,)."""
    if X.dim() != 2:
        raise ValueError(f"X must be (N, D), got {tuple(X.shape)}")
    if w.shape != (X.shape[1],):
        raise ValueError(f"w must be (D,) = ({X.shape[1]},), got {tuple(w.shape)}")
    return torch.sigmoid(X @ w + b)


def train_logistic_regression(X: Tensor, y: Tensor, lr: float = 0.5,
                              num_epochs: int = 100) -> tuple[Tensor, Tensor, list[float]]:
    """Full-batch gradient descent on the mean BCE from zero weights; returns (w, b, losses)."""
    w = torch.zeros(X.shape[1], dtype=X.dtype, device=X.device, requires_grad=True)
    b = torch.zeros((), dtype=X.dtype, device=X.device, requires_grad=True)
    losses = []
    for _ in range(num_epochs):
        loss = F.binary_cross_entropy_with_logits(X @ w + b, y)
        losses.append(loss.item())           # the loss before this epoch's update
        w.grad, b.grad = None, None
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
    return w.detach(), b.detach(), losses
