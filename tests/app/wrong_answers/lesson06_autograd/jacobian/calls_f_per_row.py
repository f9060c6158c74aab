"""Wrong: re-runs f for every row instead of keeping one graph with retain_graph=True."""

from collections.abc import Callable

import torch
from torch import Tensor


def jacobian(f: Callable[[Tensor], Tensor], x: Tensor) -> Tensor:
    x = x.detach().requires_grad_(True)
    m = f(x).numel()
    rows = [torch.autograd.grad(f(x), x, grad_outputs=e)[0]
            for e in torch.eye(m, dtype=x.dtype, device=x.device)]
    return torch.stack(rows)
