"""Lesson 12, exercise 2: move a nested batch (and models) to a device."""

import torch
from torch import nn


def to_device(obj, device: torch.device | str):
    """Return ``obj`` with every tensor moved to ``device``, at any depth.

    - a tensor: ``obj.to(device)`` (same dtype; int64 labels stay int64);
    - an ``nn.Module``: moved with ``.to(device)`` and returned (the same object);
    - a dict, list or tuple: a NEW container of the same type (a tuple stays a tuple)
      whose items are passed through ``to_device``; the caller's container is not changed;
    - anything else (str, int, None, ...): returned unchanged.

    Args:
        obj: e.g. ``{"X": <float32 (B, D)>, "y": <int64 (B,)>, "ids": [...], "name": "b7"}``.
        device: the target device, e.g. ``torch.device("cuda")``.

    Example:
        >>> batch = {"X": torch.zeros(2, 3), "y": torch.tensor([0, 1]), "name": "b7"}
        >>> moved = to_device(batch, "meta")
        >>> moved["X"].device, moved["y"].dtype, moved["name"]
        (device(type='meta'), torch.int64, 'b7')
    """
    # TODO: handle tensors/modules, then dicts, then lists and tuples (recursively).
    raise NotImplementedError("to_device: not written yet")
