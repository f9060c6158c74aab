"""Lesson 06, exercise 6: watching a network with hooks."""

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
        for name, child in net.named_children():
            handles.append(child.register_forward_hook(record_output(name)))
            handles.append(child.register_full_backward_hook(record_grad(name)))
        loss = ((net(X) - y) ** 2).mean()
        torch.autograd.grad(loss, [p for p in net.parameters() if p.requires_grad])
    finally:                                    # hooks stay on the module until removed
        for handle in handles:
            handle.remove()
    return outputs, grads
