"""Wrong: takes numel() for the memory size (the seed's mistake); bytes = numel * element_size."""

import torch


def summary(t: torch.Tensor) -> dict[str, object]:
    return {"shape": tuple(t.shape), "ndim": t.dim(), "numel": t.numel(), "dtype": t.dtype,
            "device": t.device, "nbytes": t.numel()}
