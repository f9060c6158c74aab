"""map() to move the inputs, no_grad, and the infinity norm of the difference."""

from collections.abc import Callable

import torch


def parity_gap(fn: Callable[..., torch.Tensor], inputs: list[torch.Tensor],
               device: torch.device) -> float:
    with torch.no_grad():
        cpu_out = fn(*map(torch.clone, inputs)).double()
        dev_out = fn(*map(lambda t: t.to(device, copy=True), inputs)).cpu().double()
    return torch.linalg.vector_norm(dev_out - cpu_out, ord=float("inf")).item()
