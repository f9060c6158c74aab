"""Wrong: floor division // keeps integers and rounds the mean down."""

import torch


def average(x: torch.Tensor) -> torch.Tensor:
    return x.sum() // x.numel()
