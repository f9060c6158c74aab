"""next(net.parameters(), None), @torch.no_grad() decorator, detach().cpu()."""

import torch
from torch import nn


def model_device(net: nn.Module) -> torch.device:
    p = next(net.parameters(), None)
    return torch.device("cpu") if p is None else p.device


@torch.no_grad()
def predict(net: nn.Module, X: torch.Tensor) -> torch.Tensor:
    return net(X.to(model_device(net))).detach().cpu()
