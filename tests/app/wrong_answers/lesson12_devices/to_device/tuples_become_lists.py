"""Wrong: rebuilds every sequence as a list, so an (X, y) tuple comes back as [X, y]."""

import torch
from torch import nn


def to_device(obj, device):
    if isinstance(obj, (torch.Tensor, nn.Module)):
        return obj.to(device)
    if isinstance(obj, dict):
        return {key: to_device(value, device) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_device(item, device) for item in obj]
    return obj
