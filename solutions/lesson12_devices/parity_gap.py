"""Lesson 12, exercise 6: how far apart are CPU and device results?"""

from collections.abc import Callable

import torch


def parity_gap(fn: Callable[..., torch.Tensor], inputs: list[torch.Tensor],
               device: torch.device) -> float:
    """max |fn(*inputs on device) - fn(*inputs on CPU)|, compared on the CPU in float64."""
    expected = fn(*[x.cpu() for x in inputs])
    got = fn(*[x.to(device) for x in inputs]).cpu()
    return (got.double() - expected.double()).abs().max().item()
