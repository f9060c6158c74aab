"""Lesson 09, exercise 1: count a network's trainable parameters."""

from torch import nn


def count_parameters(net: nn.Module) -> int:
    """Return how many trainable numbers ``net`` holds.

    Add up ``numel()`` over the parameters with ``requires_grad == True``. A parameter
    shared by two layers counts once; buffers (BatchNorm's running statistics) are not
    parameters and do not count.

    Args:
        net: any ``nn.Module``.

    Returns:
        A Python ``int``.

    Example:
        >>> count_parameters(nn.Linear(4, 3))   # weight (3, 4) + bias (3,)
        15
    """
    # TODO: sum p.numel() over net.parameters(), keeping only trainable ones.
    raise NotImplementedError("count_parameters: not written yet")
