"""Lesson 12, exercise 3: run a net on its own device and bring the answer back."""

import torch
from torch import nn


def model_device(net: nn.Module) -> torch.device:
    """The device of ``net``'s first parameter; the CPU for a net without parameters."""
    param = next(net.parameters(), None)
    return param.device if param is not None else torch.device("cpu")


def predict(net: nn.Module, X: torch.Tensor) -> torch.Tensor:
    """``net(X)`` computed on the net's device without autograd, returned on the CPU."""
    with torch.no_grad():
        return net(X.to(model_device(net))).cpu()
