"""The net built in one nn.Sequential(OrderedDict(...)); blocks from a comprehension."""

from collections import OrderedDict

import torch
import torch.nn.functional as F
from torch import nn


class Residual(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, use_1x1conv: bool = False,
                 stride: int = 1) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, padding=1, stride=stride)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.conv3 = nn.Conv2d(in_channels, out_channels, 1, stride=stride) \
            if use_1x1conv else None

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        Y = F.relu(self.bn1(self.conv1(X)))
        Y = self.bn2(self.conv2(Y))
        if self.conv3 is not None:
            X = self.conv3(X)
        return F.relu(Y + X)


def resnet_block(in_channels: int, out_channels: int, num_residuals: int,
                 first_block: bool = False) -> nn.Sequential:
    first = (Residual(out_channels, out_channels) if first_block
             else Residual(in_channels, out_channels, use_1x1conv=True, stride=2))
    return nn.Sequential(first, *[Residual(out_channels, out_channels)
                                  for _ in range(num_residuals - 1)])


def resnet18(in_channels: int = 1, num_classes: int = 10) -> nn.Sequential:
    return nn.Sequential(OrderedDict([
        ("0", nn.Conv2d(in_channels, 64, kernel_size=7, stride=2, padding=3)),
        ("1", nn.BatchNorm2d(64)),
        ("2", nn.ReLU(inplace=True)),
        ("3", nn.MaxPool2d(kernel_size=3, stride=2, padding=1)),
        ("resnet_block1", resnet_block(64, 64, 2, first_block=True)),
        ("resnet_block2", resnet_block(64, 128, 2)),
        ("resnet_block3", resnet_block(128, 256, 2)),
        ("resnet_block4", resnet_block(256, 512, 2)),
        ("global_avg_pool", nn.AdaptiveAvgPool2d((1, 1))),
        ("fc", nn.Sequential(nn.Flatten(), nn.Linear(512, num_classes))),
    ]))
