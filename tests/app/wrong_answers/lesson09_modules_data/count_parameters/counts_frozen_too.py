"""Wrong: counts every parameter, including frozen ones (requires_grad=False)."""

from torch import nn


def count_parameters(net: nn.Module) -> int:
    return sum(p.numel() for p in net.parameters())
