"""functools.singledispatch with one implementation per type."""

from functools import singledispatch

import torch
from torch import nn


@singledispatch
def _move(obj, device):
    return obj


@_move.register
def _(obj: torch.Tensor, device):
    return obj.to(device)


@_move.register
def _(obj: nn.Module, device):
    return obj.to(device)


@_move.register
def _(obj: dict, device):
    return {k: _move(v, device) for k, v in obj.items()}


@_move.register
def _(obj: list, device):
    return [_move(v, device) for v in obj]


@_move.register
def _(obj: tuple, device):
    return tuple(_move(v, device) for v in obj)


def to_device(obj, device: torch.device | str):
    return _move(obj, device)
