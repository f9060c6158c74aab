"""Wrong: no hooks; the children are called one after another, which skips whatever net's forward adds (a skip connection)."""

import torch
from torch import Tensor, nn


def layer_report(net: nn.Module, X: Tensor, y: Tensor) -> tuple[dict[str, Tensor], dict[str, Tensor]]:
    """Each child's output and the loss's gradient with respect to it, recorded by hooks."""
    outputs: dict[str, Tensor] = {}
    grads: dict[str, Tensor] = {}
    handles = []

    def record_output(name: str):
        def hook(module: nn.Module, inputs: tuple[Tensor, ...], output: Tensor) -> None:
            outputs[name] = output.detach().clone()
        return hook

    def record_grad(name: str):
        def hook(module: nn.Module, grad_input: tuple, grad_output: tuple) -> None:
            grads[name] = grad_output[0].detach().clone()
        return hook

    try:
        a, kept = X, {}
        for name, child in net.named_children():
            a = child(a)
            kept[name] = a
            outputs[name] = a.detach().clone()
        loss = ((a - y) ** 2).mean()
        found = torch.autograd.grad(loss, list(kept.values()))
        grads.update({name: g for name, g in zip(kept, found)})
    finally:                                    # hooks stay on the module until removed
        for handle in handles:
            handle.remove()
    return outputs, grads
