"""A match statement on the type, with type(obj)(...) to rebuild lists and tuples."""

import torch
from torch import nn


def to_device(obj, device: torch.device | str):
    match obj:
        case torch.Tensor() | nn.Module():
            return obj.to(device)
        case dict():
            return {key: to_device(value, device) for key, value in obj.items()}
        case list() | tuple():
            return type(obj)(to_device(item, device) for item in obj)
        case _:
            return obj
