"""Wrong: reads each row from x.grad after backward without clearing it: rows pile up."""

from collections.abc import Callable

import torch
from torch import Tensor


def jacobian(f: Callable[[Tensor], Tensor], x: Tensor) -> Tensor:
    x = x.detach().requires_grad_(True)
    y = f(x)
    rows = []
    for e in torch.eye(y.numel(), dtype=y.dtype, device=y.device):
        y.backward(e, retain_graph=True)
        rows.append(x.grad.clone())
    return torch.stack(rows)
