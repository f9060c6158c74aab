"""Makes the input with torch.zeros(input_shape): float32 on the CPU whatever the net uses."""

import torch


def layer_shapes(net, input_shape):
    shapes = []
    handles = [child.register_forward_hook(
                   lambda module, inputs, output, name=name:
                   shapes.append((name, tuple(output.shape))))
               for name, child in net.named_children()]
    was_training = net.training
    net.eval()
    try:
        with torch.no_grad():
            net(torch.zeros(input_shape))
    finally:
        net.train(was_training)
        for handle in handles:
            handle.remove()
    return shapes
