"""Ends the block with average pooling instead of max pooling."""

from torch import nn


def vgg_block(num_convs: int, in_channels: int, out_channels: int) -> nn.Sequential:
    layers = []
    for i in range(num_convs):
        layers += [nn.Conv2d(in_channels if i == 0 else out_channels, out_channels, 3,
                             padding=1), nn.ReLU()]
    layers.append(nn.AvgPool2d(kernel_size=2, stride=2))
    return nn.Sequential(*layers)
