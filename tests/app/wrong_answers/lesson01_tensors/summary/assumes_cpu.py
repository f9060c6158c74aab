"""Wrong: assumes every tensor lives on the CPU instead of reading t.device."""

import torch


def summary(t: torch.Tensor) -> dict[str, object]:
    return {"shape": tuple(t.shape), "ndim": t.dim(), "numel": t.numel(), "dtype": t.dtype,
            "device": torch.device("cpu"), "nbytes": t.numel() * t.element_size()}
