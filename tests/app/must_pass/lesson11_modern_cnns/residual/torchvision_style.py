"""torchvision's BasicBlock style: a ReLU(inplace=True) attribute, `out += identity`."""

import torch
from torch import nn


class Residual(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, use_1x1conv: bool = False,
                 stride: int = 1) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1,
                               stride=stride)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, kernel_size=3, padding=1)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.conv3 = (nn.Conv2d(in_channels, out_channels, kernel_size=1, stride=stride)
                      if use_1x1conv else None)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        identity = X if self.conv3 is None else self.conv3(X)
        out = self.relu(self.bn1(self.conv1(X)))
        out = self.bn2(self.conv2(out))
        out += identity
        return self.relu(out)
