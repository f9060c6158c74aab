"""Wrong: skips the micro-batches and runs a single backward pass on the full batch."""

import torch
from torch import Tensor


def accumulate_grads(w: Tensor, X: Tensor, y: Tensor, k: int) -> Tensor:
    w.grad = None
    ((X @ w - y) ** 2).mean().backward()
    return w.grad
