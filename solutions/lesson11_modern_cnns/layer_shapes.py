"""Lesson 11, exercise 5: the output shape of every top-level layer."""

import torch
from torch import nn


def layer_shapes(net: nn.Module, input_shape: tuple[int, ...]) -> list[tuple[str, tuple[int, ...]]]:
    """(name, output shape) of each top-level child, in the order they ran on zeros."""
    shapes: list[tuple[str, tuple[int, ...]]] = []

    def record(name: str):
        return lambda module, inputs, output: shapes.append((name, tuple(output.shape)))

    handles = [child.register_forward_hook(record(name)) for name, child in net.named_children()]
    first = next(net.parameters(), None)
    X = torch.zeros(input_shape) if first is None else \
        torch.zeros(input_shape, device=first.device, dtype=first.dtype)
    was_training = net.training
    net.eval()
    try:
        with torch.no_grad():
            net(X)
    finally:
        net.train(was_training)
        for handle in handles:
            handle.remove()
    return shapes
