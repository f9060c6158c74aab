"""Feeds the children one after another instead of running net's own forward."""

import torch


def layer_shapes(net, input_shape):
    first = next(net.parameters())
    X = torch.zeros(input_shape, dtype=first.dtype, device=first.device)
    shapes = []
    was_training = net.training
    net.eval()
    with torch.no_grad():
        for name, child in net.named_children():
            X = child(X)
            shapes.append((name, tuple(X.shape)))
    net.train(was_training)
    return shapes
