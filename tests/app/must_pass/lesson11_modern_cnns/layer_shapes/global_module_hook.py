"""One global forward hook (register_module_forward_hook) filtered to the top-level children."""

import torch
from torch import nn
from torch.nn.modules.module import register_module_forward_hook


def layer_shapes(net: nn.Module, input_shape: tuple[int, ...]) -> list[tuple[str, tuple[int, ...]]]:
    names = {id(child): name for name, child in net.named_children()}
    seen: list[tuple[str, tuple[int, ...]]] = []

    def hook(module, args, output):
        if id(module) in names:
            seen.append((names[id(module)], tuple(output.shape)))

    param = next(net.parameters())
    X = torch.zeros(*input_shape, dtype=param.dtype, device=param.device)
    training = net.training
    handle = register_module_forward_hook(hook)
    try:
        with torch.no_grad():
            net.eval()
            net(X)
    finally:
        handle.remove()
        net.train(training)
    return seen
