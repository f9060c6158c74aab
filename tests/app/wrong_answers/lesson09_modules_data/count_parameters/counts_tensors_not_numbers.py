"""Wrong: counts parameter tensors (weight, bias, ...) instead of the numbers inside them."""

from torch import nn


def count_parameters(net: nn.Module) -> int:
    return len([p for p in net.parameters() if p.requires_grad])
