"""Wrong: switches on x.requires_grad and calls backward, leaking (and accumulating) x.grad."""

from collections.abc import Callable

import torch
from torch import Tensor


def grad_of(f: Callable[[Tensor], Tensor], x: Tensor) -> Tensor:
    x.requires_grad_(True)
    f(x).backward()
    return x.grad
