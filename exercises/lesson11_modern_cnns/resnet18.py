"""Lesson 11, exercise 6: ResNet-18 from residual blocks."""

import torch
import torch.nn.functional as F
from torch import nn


# Given: the residual block of exercise 2 (already written for you here).
class Residual(nn.Module):
    """Two 3x3 conv + BN layers whose output is added to the (projected) input, then ReLU."""

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
    """One ResNet stage: an nn.Sequential of num_residuals Residual blocks.

    The first block of a stage opens with Residual(in_channels, out_channels,
    use_1x1conv=True, stride=2) (channels change, H and W halve), unless
    first_block is True: the first stage follows the stem's max-pool and does not
    downsample, so all its blocks are Residual(out_channels, out_channels).
    Every later block is Residual(out_channels, out_channels).

    Example:
        >>> resnet_block(64, 128, 2)(torch.zeros(2, 64, 8, 8)).shape
        torch.Size([2, 128, 4, 4])
    """
    # TODO: build the list of Residual blocks and wrap it in nn.Sequential.
    raise NotImplementedError("resnet_block: not written yet")


def resnet18(in_channels: int = 1, num_classes: int = 10) -> nn.Sequential:
    """The seed notes' ResNet-18, as an nn.Sequential with these children, in order:

        "0" Conv2d(in_channels, 64, kernel_size=7, stride=2, padding=3)
        "1" BatchNorm2d(64)   "2" ReLU   "3" MaxPool2d(kernel_size=3, stride=2, padding=1)
        "resnet_block1": resnet_block(64, 64, 2, first_block=True)
        "resnet_block2": resnet_block(64, 128, 2)
        "resnet_block3": resnet_block(128, 256, 2)
        "resnet_block4": resnet_block(256, 512, 2)
        "global_avg_pool": AdaptiveAvgPool2d(1)
        "fc": Sequential(Flatten(), Linear(512, num_classes))

    Use net.add_module(name, module) to give the later children their names.
    x: shape (N, in_channels, H, W) -> scores: shape (N, num_classes).
    resnet18() has 11,178,378 parameters.

    Example:
        >>> resnet18()(torch.zeros(2, 1, 96, 96)).shape
        torch.Size([2, 10])
    """
    # TODO: the stem, then add_module for the four stages, the pooling and fc.
    raise NotImplementedError("resnet18: not written yet")
