"""nn.utils.parameters_to_vector over the trainable parameters, then numel()."""

from torch import nn


def count_parameters(net: nn.Module) -> int:
    trainable = [p for p in net.parameters() if p.requires_grad]
    if not trainable:
        return 0
    return nn.utils.parameters_to_vector(trainable).numel()
