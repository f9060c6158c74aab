"""Lesson 12, exercise 3: run a net on its own device and bring the answer back."""

import torch
from torch import nn


def model_device(net: nn.Module) -> torch.device:
    """Return the device of ``net``'s first parameter, or the CPU if it has none.

    Example:
        >>> model_device(nn.Linear(3, 2))
        device(type='cpu')
        >>> model_device(nn.ReLU())       # no parameters
        device(type='cpu')
    """
    # TODO: look at the first parameter, if there is one.
    raise NotImplementedError("model_device: not written yet")


def predict(net: nn.Module, X: torch.Tensor) -> torch.Tensor:
    """Return ``net(X)`` computed on the net's device, without autograd, on the CPU.

    Move ``X`` to ``model_device(net)`` (a net and its input must share a device), run the
    net inside ``torch.no_grad()``, and bring the result back with ``.cpu()``.

    Args:
        net: a network on any device.
        X: input of shape ``(N, ...)`` on any device (usually the CPU).

    Returns:
        The output, e.g. shape ``(N, out_features)``, on the CPU with no ``grad_fn``.

    Example:
        >>> net = nn.Linear(2, 1)   # with weight [[1., 1.]] and bias [0.]
        >>> predict(net, torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
        tensor([[3.],
                [7.]])
    """
    # TODO: no_grad, move X to the net's device, run the net, bring the result to the CPU.
    raise NotImplementedError("predict: not written yet")
