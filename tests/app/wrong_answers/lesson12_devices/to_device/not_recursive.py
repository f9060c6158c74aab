"""Wrong: moves only the top level, so tensors inside nested lists/dicts stay behind."""

import torch
from torch import nn


def to_device(obj, device):
    if isinstance(obj, (torch.Tensor, nn.Module)):
        return obj.to(device)
    if isinstance(obj, dict):
        return {k: v.to(device) if isinstance(v, torch.Tensor) else v for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(v.to(device) if isinstance(v, torch.Tensor) else v for v in obj)
    return obj
