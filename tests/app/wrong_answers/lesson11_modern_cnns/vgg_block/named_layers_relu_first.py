"""Wrong: named layers (fine) but ReLU before each conv instead of after it."""

from torch import nn


def vgg_block(num_convs, in_channels, out_channels):
    block = nn.Sequential()
    for i in range(num_convs):
        block.add_module(f"relu{i}", nn.ReLU())
        block.add_module(f"conv{i}", nn.Conv2d(in_channels if i == 0 else out_channels,
                                               out_channels, 3, padding=1))
    block.add_module("pool", nn.MaxPool2d(2))
    return block
