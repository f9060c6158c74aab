"""Conv2d(padding="same"), the channel count carried in a variable, append then unpack."""

from torch import nn


def vgg_block(num_convs: int, in_channels: int, out_channels: int) -> nn.Sequential:
    layers: list[nn.Module] = []
    channels = in_channels
    for _ in range(num_convs):
        layers += [nn.Conv2d(channels, out_channels, kernel_size=(3, 3), padding="same"),
                   nn.ReLU()]
        channels = out_channels
    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
    return nn.Sequential(*layers)
