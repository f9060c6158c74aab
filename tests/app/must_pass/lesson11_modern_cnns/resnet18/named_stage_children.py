"""resnet_block's Sequential with named children ("residual0", ...), built from an OrderedDict."""

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
    blocks = OrderedDict()
    for i in range(num_residuals):
        if i == 0 and not first_block:
            blocks[f"residual{i}"] = Residual(in_channels, out_channels, True, stride=2)
        else:
            blocks[f"residual{i}"] = Residual(out_channels, out_channels)
    return nn.Sequential(blocks)


def resnet18(in_channels: int = 1, num_classes: int = 10) -> nn.Sequential:
    net = nn.Sequential(nn.Conv2d(in_channels, 64, kernel_size=7, stride=2, padding=3),
                        nn.BatchNorm2d(64), nn.ReLU(),
                        nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
    net.add_module("resnet_block1", resnet_block(64, 64, 2, first_block=True))
    net.add_module("resnet_block2", resnet_block(64, 128, 2))
    net.add_module("resnet_block3", resnet_block(128, 256, 2))
    net.add_module("resnet_block4", resnet_block(256, 512, 2))
    net.add_module("global_avg_pool", nn.AdaptiveAvgPool2d(1))
    net.add_module("fc", nn.Sequential(nn.Flatten(), nn.Linear(512, num_classes)))
    return net
