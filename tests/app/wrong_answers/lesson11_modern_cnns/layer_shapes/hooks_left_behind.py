"""Registers forward hooks but never removes them."""

import torch


def layer_shapes(net, input_shape):
    shapes = []
    for name, child in net.named_children():
        child.register_forward_hook(
            lambda module, inputs, output, name=name: shapes.append((name, tuple(output.shape))))
    first = next(net.parameters())
    was_training = net.training
    net.eval()
    with torch.no_grad():
        net(torch.zeros(input_shape, dtype=first.dtype, device=first.device))
    net.train(was_training)
    return shapes
