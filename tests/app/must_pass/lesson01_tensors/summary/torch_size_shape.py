"""shape returned as the torch.Size itself (a tuple subclass); element_size via dtype.itemsize."""

import torch


def summary(t: torch.Tensor) -> dict[str, object]:
    return {"shape": t.shape, "ndim": t.dim(), "numel": t.numel(), "dtype": t.dtype,
            "device": t.device, "nbytes": t.numel() * t.dtype.itemsize}
