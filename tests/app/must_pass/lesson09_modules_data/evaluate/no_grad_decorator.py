"""@torch.no_grad() on the function, a tensor counter, if/else restore of the mode."""

import torch
from torch import nn
from torch.utils.data import DataLoader


@torch.no_grad()
def evaluate(net: nn.Module, loader: DataLoader, device: torch.device | str = "cpu") -> float:
    training = net.training
    net.eval()
    hits = torch.zeros((), dtype=torch.int64, device=device)
    seen = 0
    for X, y in loader:
        X = X.to(device, non_blocking=True)
        y = y.to(device, non_blocking=True)
        hits += (torch.argmax(net(X), 1) == y).sum()
        seen += len(y)
    if training:
        net.train()
    return float(hits) / seen
