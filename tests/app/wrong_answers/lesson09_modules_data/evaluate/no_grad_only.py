"""Wrong: uses no_grad but never calls net.eval(), so dropout stays active."""

import torch


def evaluate(net, loader, device="cpu"):
    correct, total = 0, 0
    with torch.no_grad():
        for X, y in loader:
            X, y = X.to(device), y.to(device)
            correct += (net(X).argmax(dim=1) == y).sum().item()
            total += len(y)
    return correct / total
