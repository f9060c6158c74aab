"""torchvision-style: keep a list of feature maps, concatenate them before each block."""

import torch
from torch import nn


def conv_block(in_channels: int, out_channels: int) -> nn.Sequential:
    return nn.Sequential(nn.BatchNorm2d(in_channels), nn.ReLU(),
                         nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1))


class DenseBlock(nn.Module):
    def __init__(self, num_convs: int, in_channels: int, growth_rate: int) -> None:
        super().__init__()
        self.net = nn.Sequential(*(conv_block(in_channels + i * growth_rate, growth_rate)
                                   for i in range(num_convs)))
        self.out_channels = in_channels + num_convs * growth_rate

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        features = [X]
        for block in self.net:
            features.append(block(torch.cat(features, dim=1)))
        return torch.cat(features, dim=1)


def transition_block(in_channels: int, out_channels: int) -> nn.Sequential:
    return nn.Sequential(nn.BatchNorm2d(in_channels), nn.ReLU(inplace=True),
                         nn.Conv2d(in_channels, out_channels, 1), nn.AvgPool2d(2))
