"""Lesson 11, exercise 1: a VGG block."""

from torch import nn


def vgg_block(num_convs: int, in_channels: int, out_channels: int) -> nn.Sequential:
    """Build one VGG block: num_convs same-size convolutions, then a halving max-pool.

    Layers, in order:
        num_convs times: Conv2d(?, out_channels, kernel_size=3, padding=1) -> ReLU
        then once:       MaxPool2d(kernel_size=2, stride=2)
    The first conv takes in_channels; every later conv takes out_channels.

    Args:
        num_convs: number of conv layers in the block (>= 1).
        in_channels: channels of the block's input.
        out_channels: channels of every conv's output.

    Returns:
        An nn.Sequential mapping x: shape (N, in_channels, H, W) to
        shape (N, out_channels, H // 2, W // 2).

    Example:
        >>> block = vgg_block(2, 3, 8)
        >>> block(torch.zeros(2, 3, 8, 8)).shape
        torch.Size([2, 8, 4, 4])
        >>> [type(m).__name__ for m in block]
        ['Conv2d', 'ReLU', 'Conv2d', 'ReLU', 'MaxPool2d']
    """
    # TODO: collect the layers in a list and return nn.Sequential(*layers).
    raise NotImplementedError("vgg_block: not written yet")
