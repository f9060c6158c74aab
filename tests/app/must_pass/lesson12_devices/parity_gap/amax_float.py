"""Copies via clone()/to(device), the gap as float((x - y).abs().amax()) in float64."""

from collections.abc import Callable

import torch


def parity_gap(fn: Callable[..., torch.Tensor], inputs: list[torch.Tensor],
               device: torch.device) -> float:
    on_cpu = fn(*[t.clone() for t in inputs])
    on_device = fn(*[t.clone().to(device) for t in inputs])
    diff = on_device.to("cpu", torch.float64) - on_cpu.to(torch.float64)
    return float(diff.abs().amax())
