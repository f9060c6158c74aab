"""Lesson 06, exercise 6: watching a network with hooks."""

import torch
from torch import Tensor, nn


def layer_report(net: nn.Module, X: Tensor, y: Tensor) -> tuple[dict[str, Tensor], dict[str, Tensor]]:
    """Record what every child module of net outputs, and the gradient that comes back to it.

    Run loss = ((net(X) - y) ** 2).mean() forward and backward once. For every direct
    child of net (net.named_children()), record with hooks:

    - its output, with a forward hook (module.register_forward_hook);
    - dloss/d(its output), with a full backward hook (grad_output[0] of
      module.register_full_backward_hook) or a tensor hook on the output.

    net may route data any way it likes (skip connections included), so run net
    itself: hooks see what really happens inside.

    Args:
        net: an nn.Module whose children each return one tensor.
        X: shape (N, D), the inputs. y: the targets, shaped like net(X).

    Returns:
        (outputs, grads): two dicts {child name: tensor}, one entry per child; plain
        tensors (no graph). Afterwards no hook is left on any module, also when the
        forward or backward pass raised; the parameters' .grad, their requires_grad
        and X are as they were (take the gradient with torch.autograd.grad).

    Example:
        >>> net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
        >>> outputs, grads = layer_report(net, torch.randn(5, 3), torch.randn(5, 2))
        >>> {name: tuple(t.shape) for name, t in grads.items()}   # backward order
        {'2': (5, 2), '1': (5, 4), '0': (5, 4)}
    """
    # TODO: register the hooks (keep the handles), run forward and backward, remove them.
    raise NotImplementedError("layer_report: not written yet")
