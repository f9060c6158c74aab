"""functools.partial hooks, handles removed in finally, torch.inference_mode, train(was)."""

from functools import partial

import torch
from torch import nn


def layer_shapes(net: nn.Module, input_shape: tuple[int, ...]) -> list[tuple[str, tuple[int, ...]]]:
    first = next(net.parameters())
    X = torch.zeros(input_shape, dtype=first.dtype, device=first.device)
    records: list[tuple[str, tuple[int, ...]]] = []

    def record(name, module, inputs, output):
        records.append((name, tuple(output.shape)))

    handles = [child.register_forward_hook(partial(record, name))
               for name, child in net.named_children()]
    was_training = net.training
    try:
        net.eval()
        with torch.inference_mode():
            net(X)
    finally:
        for h in handles:
            h.remove()
        net.train(was_training)
    return records
