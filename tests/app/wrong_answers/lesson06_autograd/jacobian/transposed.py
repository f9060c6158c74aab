"""Wrong: stacks the rows as columns, returning (n, m) instead of (m, n)."""

from collections.abc import Callable

import torch
from torch import Tensor


def jacobian(f: Callable[[Tensor], Tensor], x: Tensor) -> Tensor:
    x = x.detach().requires_grad_(True)
    y = f(x)
    rows = [torch.autograd.grad(y, x, grad_outputs=e, retain_graph=True)[0]
            for e in torch.eye(y.numel(), dtype=y.dtype, device=y.device)]
    return torch.stack(rows, dim=1)
