"""Lesson 11, exercise 4: DenseNet's dense block and transition block."""

import torch
from torch import nn


def conv_block(in_channels: int, out_channels: int) -> nn.Sequential:
    """DenseNet's conv block, given: BatchNorm2d -> ReLU -> 3x3 conv with padding 1."""
    return nn.Sequential(nn.BatchNorm2d(in_channels), nn.ReLU(),
                         nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1))


class DenseBlock(nn.Module):
    """num_convs conv blocks; each block's output is concatenated onto its input.

    Conv block i (from 0) receives in_channels + i * growth_rate channels and
    outputs growth_rate new ones. forward keeps everything:
    X -> cat((X, block0(X)), dim=1) -> cat((that, block1(that)), dim=1) -> ...
    so the input's channels come first in the output, unchanged.

    Attributes:
        net: an nn.Sequential of the conv blocks (build them with conv_block).
        out_channels: in_channels + num_convs * growth_rate.

    Shapes: X: (N, in_channels, H, W) -> (N, out_channels, H, W).

    Example:
        >>> blk = DenseBlock(2, 3, 10)
        >>> blk.out_channels, blk(torch.zeros(4, 3, 8, 8)).shape
        (23, torch.Size([4, 23, 8, 8]))
    """

    def __init__(self, num_convs: int, in_channels: int, growth_rate: int) -> None:
        super().__init__()
        # TODO: self.net (the conv blocks) and self.out_channels.
        raise NotImplementedError("DenseBlock.__init__: not written yet")

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        # TODO: run each block and concatenate its output after X along the channels.
        raise NotImplementedError("DenseBlock.forward: not written yet")


def transition_block(in_channels: int, out_channels: int) -> nn.Sequential:
    """Shrink the channels and halve H and W between dense blocks.

    Layers: BatchNorm2d(in_channels) -> ReLU -> Conv2d(in_channels, out_channels,
    kernel_size=1) -> AvgPool2d(kernel_size=2, stride=2).

    Shapes: (N, in_channels, H, W) -> (N, out_channels, H // 2, W // 2).

    Example:
        >>> transition_block(23, 10)(torch.zeros(4, 23, 8, 8)).shape
        torch.Size([4, 10, 4, 4])
    """
    # TODO: return the four layers in an nn.Sequential.
    raise NotImplementedError("transition_block: not written yet")
