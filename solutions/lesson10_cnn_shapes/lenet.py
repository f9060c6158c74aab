"""Lesson 10, exercise 5: LeNet for 1x28x28 images."""

from torch import nn


def lenet() -> nn.Module:
    """LeNet with sigmoid activations and max pooling: (N, 1, 28, 28) -> (N, 10).

    Max pooling is the notes' variant; LeNet-5 and d2l's LeNet pool by averaging.
    """
    return nn.Sequential(
        nn.Conv2d(1, 6, kernel_size=5), nn.Sigmoid(), nn.MaxPool2d(2, 2),    # 28 -> 24 -> 12
        nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(), nn.MaxPool2d(2, 2),   # 12 -> 8 -> 4
        nn.Flatten(),                                                        # 16 * 4 * 4 = 256
        nn.Linear(256, 120), nn.Sigmoid(),
        nn.Linear(120, 84), nn.Sigmoid(),
        nn.Linear(84, 10),
    )
