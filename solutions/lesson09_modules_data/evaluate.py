"""Lesson 09, exercise 5: evaluate a classifier and leave its mode as it was."""

import torch
from torch import nn
from torch.utils.data import DataLoader


def evaluate(net: nn.Module, loader: DataLoader, device: torch.device | str = "cpu") -> float:
    """Accuracy of ``net`` over every example of ``loader``, in eval mode and without grad."""
    was_training = net.training
    net.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for X, y in loader:
            X, y = X.to(device), y.to(device)
            correct += (net(X).argmax(dim=1) == y).sum().item()
            total += y.shape[0]
    net.train(was_training)
    return correct / total
