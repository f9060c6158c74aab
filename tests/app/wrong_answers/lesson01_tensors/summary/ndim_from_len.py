"""Wrong: len(t) is the size of the first dimension, not the number of dimensions."""

import torch


def summary(t: torch.Tensor) -> dict[str, object]:
    return {"shape": tuple(t.shape), "ndim": len(t), "numel": t.numel(), "dtype": t.dtype,
            "device": t.device, "nbytes": t.numel() * t.element_size()}
