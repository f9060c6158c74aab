"""Mistake: nn.Linear and SGD, but returns the bias with shape (1,) instead of a 0-d b."""

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
    from torch import nn
    net = nn.Linear(X.shape[1], 1, dtype=X.dtype, device=X.device)
    nn.init.zeros_(net.weight)
    nn.init.zeros_(net.bias)
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    losses = []
    for _ in range(num_epochs):
        loss = F.binary_cross_entropy_with_logits(net(X)[:, 0], y)
        losses.append(loss.item())
        opt.zero_grad()
        loss.backward()
        opt.step()
    return net.weight.detach()[0], net.bias.detach(), losses
