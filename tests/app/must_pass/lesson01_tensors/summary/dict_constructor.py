"""dict(...) with len(t.shape) and itemsize."""

import torch


def summary(t: torch.Tensor) -> dict[str, object]:
    shape = tuple(t.shape)
    return dict(shape=shape, ndim=len(shape), numel=t.numel(), dtype=t.dtype,
                device=t.device, nbytes=t.numel() * t.itemsize)
