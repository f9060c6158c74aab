"""torch.relu and torch.add; conv2 with padding="same"; conv3 set in an if/else."""

import torch
from torch import nn


class Residual(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, use_1x1conv: bool = False,
                 stride: int = 1) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride, 1)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding="same")
        self.bn2 = nn.BatchNorm2d(out_channels)
        if use_1x1conv:
            self.conv3 = nn.Conv2d(in_channels, out_channels, 1, stride)
        else:
            self.conv3 = None

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        Y = torch.relu(self.bn1(self.conv1(X)))
        Y = self.bn2(self.conv2(Y))
        shortcut = self.conv3(X) if self.conv3 else X
        return torch.relu(torch.add(Y, shortcut))
