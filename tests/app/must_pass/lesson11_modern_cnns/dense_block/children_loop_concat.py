"""self.net filled with append, forward over self.net.children() with torch.concat."""

import torch
from torch import nn


def conv_block(in_channels: int, out_channels: int) -> nn.Sequential:
    return nn.Sequential(nn.BatchNorm2d(in_channels), nn.ReLU(),
                         nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1))


class DenseBlock(nn.Module):
    def __init__(self, num_convs: int, in_channels: int, growth_rate: int) -> None:
        super().__init__()
        self.net = nn.Sequential()
        channels = in_channels
        for _ in range(num_convs):
            self.net.append(conv_block(channels, growth_rate))
            channels += growth_rate
        self.out_channels = channels

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        for blk in self.net.children():
            X = torch.concat((X, blk(X)), 1)
        return X


def transition_block(in_channels: int, out_channels: int) -> nn.Sequential:
    layers = [nn.BatchNorm2d(in_channels), nn.ReLU(),
              nn.Conv2d(in_channels, out_channels, kernel_size=(1, 1)),
              nn.AvgPool2d(kernel_size=(2, 2), stride=(2, 2))]
    return nn.Sequential(*layers)
