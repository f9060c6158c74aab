"""Wrong: calls t.to(device) but keeps the old tensor (Tensor.to returns a new one)."""

import torch
from torch import nn


def to_device(obj, device):
    if isinstance(obj, (torch.Tensor, nn.Module)):
        obj.to(device)
        return obj
    if isinstance(obj, dict):
        return {key: to_device(value, device) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(to_device(item, device) for item in obj)
    return obj
