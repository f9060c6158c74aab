"""The conversion written with .to(torch.float32) and a conditional expression."""

import torch


def average(x: torch.Tensor) -> torch.Tensor:
    return (x if torch.is_floating_point(x) else x.to(torch.float32)).mean()
