"""Wrong: forgets retain_graph=True, so the second row's backward pass finds the graph freed."""

from collections.abc import Callable

import torch
from torch import Tensor


def jacobian(f: Callable[[Tensor], Tensor], x: Tensor) -> Tensor:
    x = x.detach().requires_grad_(True)
    y = f(x)
    rows = [torch.autograd.grad(y, x, grad_outputs=e)[0]
            for e in torch.eye(y.numel(), dtype=y.dtype, device=y.device)]
    return torch.stack(rows)
