"""Wrong: padding="same" with padding_mode="reflect", so the borders are not zero-padded."""

from torch import nn


def vgg_block(num_convs, in_channels, out_channels):
    layers = []
    for i in range(num_convs):
        layers.append(nn.Conv2d(in_channels if i == 0 else out_channels, out_channels, 3,
                                padding="same", padding_mode="reflect"))
        layers.append(nn.ReLU())
    layers.append(nn.MaxPool2d(2))
    return nn.Sequential(*layers)
