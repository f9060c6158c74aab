"""sum(map(torch.numel, filter(...))) over net.parameters()."""

import torch
from torch import nn


def count_parameters(net: nn.Module) -> int:
    return sum(map(torch.numel, filter(lambda p: p.requires_grad, net.parameters())))
