"""Mistake: returns w and b themselves, still requiring grad, instead of detached copies."""

import torch
import torch.nn.functional as F


def predict_proba(X, w, b):
    """P(y = 1 | x)."""
    if X.dim() != 2:
        raise ValueError("X must be (N, D)")
    if w.shape != (X.shape[1],):
        raise ValueError("w must be (D,)")
    return torch.sigmoid(X @ w + b)


def train_logistic_regression(X, y, lr=0.5, num_epochs=100):
    """Gradient descent on the mean BCE."""
    w = torch.zeros(X.shape[1], dtype=X.dtype, device=X.device, requires_grad=True)
    b = torch.zeros((), dtype=X.dtype, device=X.device, requires_grad=True)
    losses = []
    for _ in range(num_epochs):
        loss = F.binary_cross_entropy_with_logits(X @ w + b, y)
        losses.append(loss.item())
        w.grad, b.grad = None, None
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
    return w, b, losses
