"""Lesson 11, exercise 4: DenseNet's dense block and transition block."""

import torch
from torch import nn


def conv_block(in_channels: int, out_channels: int) -> nn.Sequential:
    return nn.Sequential(nn.BatchNorm2d(in_channels), nn.ReLU(),
                         nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1))


class DenseBlock(nn.Module):
    """num_convs conv blocks; each one's output is concatenated onto its input."""

    def __init__(self, num_convs: int, in_channels: int, growth_rate: int) -> None:
        super().__init__()
        self.net = nn.Sequential(*(conv_block(in_channels + i * growth_rate, growth_rate)
                                   for i in range(num_convs)))
        self.out_channels = in_channels + num_convs * growth_rate

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        for block in self.net:
            X = torch.cat((X, block(X)), dim=1)
        return X


def transition_block(in_channels: int, out_channels: int) -> nn.Sequential:
    """BN, ReLU, 1x1 conv to out_channels, 2x2 average pool with stride 2."""
    return nn.Sequential(nn.BatchNorm2d(in_channels), nn.ReLU(),
                         nn.Conv2d(in_channels, out_channels, kernel_size=1),
                         nn.AvgPool2d(kernel_size=2, stride=2))
