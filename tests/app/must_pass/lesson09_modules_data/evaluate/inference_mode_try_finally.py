"""torch.inference_mode, try/finally with net.train(was_training), eq().sum()."""

import torch
from torch import nn
from torch.utils.data import DataLoader


def evaluate(net: nn.Module, loader: DataLoader, device: torch.device | str = "cpu") -> float:
    was_training = net.training
    net.eval()
    correct = total = 0
    try:
        with torch.inference_mode():
            for X, y in loader:
                X, y = X.to(device), y.to(device)
                correct += net(X).argmax(dim=1).eq(y).sum().item()
                total += y.numel()
    finally:
        net.train(was_training)
    return correct / total
