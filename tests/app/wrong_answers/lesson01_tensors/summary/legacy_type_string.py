"""Wrong: reports the legacy type string t.type() ('torch.FloatTensor') instead of t.dtype."""

import torch


def summary(t: torch.Tensor) -> dict[str, object]:
    return {"shape": tuple(t.shape), "ndim": t.dim(), "numel": t.numel(), "dtype": t.type(),
            "device": t.device, "nbytes": t.nbytes}
