"""Lesson 12, exercise 2: move a nested batch (and models) to a device."""

import torch
from torch import nn


def to_device(obj, device: torch.device | str):
    """``obj`` with every tensor and module moved to ``device``; containers rebuilt, rest kept."""
    if isinstance(obj, (torch.Tensor, nn.Module)):
        return obj.to(device)
    if isinstance(obj, dict):
        return {key: to_device(value, device) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(to_device(item, device) for item in obj)
    return obj
