"""nn.Linear started at zero and trained by torch.optim.SGD; predict_proba with einsum."""

import torch
import torch.nn.functional as F
from torch import Tensor, nn


def predict_proba(X: Tensor, w: Tensor, b: Tensor) -> Tensor:
    if X.ndim != 2 or w.ndim != 1 or w.shape[0] != X.shape[1]:
        raise ValueError(f"need X (N, D) and w (D,), got {tuple(X.shape)} and {tuple(w.shape)}")
    return torch.sigmoid(torch.einsum("nd,d->n", X, w) + b)


def train_logistic_regression(X: Tensor, y: Tensor, lr: float = 0.5,
                              num_epochs: int = 100) -> tuple[Tensor, Tensor, list[float]]:
    net = nn.Linear(X.shape[1], 1, device=X.device, dtype=X.dtype)
    nn.init.zeros_(net.weight)
    nn.init.zeros_(net.bias)
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    losses = []
    for _ in range(num_epochs):
        loss = F.binary_cross_entropy_with_logits(net(X).squeeze(1), y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return net.weight.detach()[0], net.bias.detach()[0], losses
