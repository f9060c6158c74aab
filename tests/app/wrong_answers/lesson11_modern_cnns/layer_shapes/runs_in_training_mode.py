"""Runs the net in whatever mode it is in, so BatchNorm's running statistics move."""

import torch


def layer_shapes(net, input_shape):
    shapes = []
    handles = [child.register_forward_hook(
                   lambda module, inputs, output, name=name:
                   shapes.append((name, tuple(output.shape))))
               for name, child in net.named_children()]
    first = next(net.parameters())
    try:
        with torch.no_grad():
            net(torch.zeros(input_shape, dtype=first.dtype, device=first.device))
    finally:
        for handle in handles:
            handle.remove()
    return shapes
