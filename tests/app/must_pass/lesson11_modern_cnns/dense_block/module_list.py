"""self.net as an nn.ModuleList looped over in forward (the stub suggests nn.Sequential)."""

import torch
from torch import nn


def conv_block(in_channels: int, out_channels: int) -> nn.Sequential:
    return nn.Sequential(nn.BatchNorm2d(in_channels), nn.ReLU(),
                         nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1))


class DenseBlock(nn.Module):
    def __init__(self, num_convs: int, in_channels: int, growth_rate: int) -> None:
        super().__init__()
        self.net = nn.ModuleList([conv_block(in_channels + i * growth_rate, growth_rate)
                                  for i in range(num_convs)])
        self.out_channels = in_channels + num_convs * growth_rate

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        for blk in self.net:
            X = torch.cat((X, blk(X)), dim=1)
        return X


def transition_block(in_channels: int, out_channels: int) -> nn.Sequential:
    return nn.Sequential(nn.BatchNorm2d(in_channels), nn.ReLU(),
                         nn.Conv2d(in_channels, out_channels, 1), nn.AvgPool2d(2, 2))
