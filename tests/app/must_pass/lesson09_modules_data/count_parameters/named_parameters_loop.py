"""A loop over named_parameters() with an explicit running total."""

from torch import nn


def count_parameters(net: nn.Module) -> int:
    total = 0
    for _, p in net.named_parameters():
        if p.requires_grad:
            total += p.nelement()
    return total
