"""t.ndim, t.nelement(), t.nbytes and tuple(t.size()) instead of dim()/numel()/element_size."""

import torch


def summary(t: torch.Tensor) -> dict[str, object]:
    return {"shape": tuple(t.size()), "ndim": t.ndim, "numel": t.nelement(),
            "dtype": t.dtype, "device": t.device, "nbytes": t.nbytes}
