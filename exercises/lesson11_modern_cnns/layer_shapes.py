"""Lesson 11, exercise 5: the output shape of every top-level layer."""

import torch
from torch import nn


def layer_shapes(net: nn.Module, input_shape: tuple[int, ...]) -> list[tuple[str, tuple[int, ...]]]:
    """Run net once on zeros and list (name, output shape) for each top-level child.

    Works for any model, not only nn.Sequential: record each child's output with a
    forward hook (child.register_forward_hook) while net(X) runs, because a
    model's forward may do work between its children (torchvision's ResNet
    flattens between avgpool and fc).

    Contract:
        - X = zeros of input_shape with the dtype and device of net's parameters;
        - names come from net.named_children(), in the order the children ran;
        - shapes are plain tuples of ints;
        - the net is left as it was: hooks removed, training/eval mode restored,
          BatchNorm running statistics unchanged (run it in eval mode, no_grad).

    Args:
        net: the model.
        input_shape: e.g. (1, 1, 224, 224).

    Returns:
        A list of (child name, output shape) pairs.

    Example:
        >>> net = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        ...                     nn.Flatten(), nn.Linear(64, 10))
        >>> layer_shapes(net, (2, 1, 8, 8))
        [('0', (2, 4, 8, 8)), ('1', (2, 4, 8, 8)), ('2', (2, 4, 4, 4)), ('3', (2, 64)),
         ('4', (2, 10))]
    """
    # TODO: register a hook per child, run net(X) in eval mode, remove the hooks.
    raise NotImplementedError("layer_shapes: not written yet")
