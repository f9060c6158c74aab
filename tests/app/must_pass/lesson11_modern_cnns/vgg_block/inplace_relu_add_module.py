"""nn.ReLU(inplace=True) (as torchvision's VGG), layers added with add_module, MaxPool2d(2)."""

from torch import nn


def vgg_block(num_convs: int, in_channels: int, out_channels: int) -> nn.Sequential:
    block = nn.Sequential()
    for i in range(num_convs):
        block.add_module(f"conv{i}", nn.Conv2d(in_channels if i == 0 else out_channels,
                                               out_channels, 3, padding=1))
        block.add_module(f"relu{i}", nn.ReLU(inplace=True))
    block.add_module("pool", nn.MaxPool2d(2))
    return block
