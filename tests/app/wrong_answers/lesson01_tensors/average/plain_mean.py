"""Wrong: calls x.mean() directly, which refuses integer and bool tensors."""

import torch


def average(x: torch.Tensor) -> torch.Tensor:
    return x.mean()
