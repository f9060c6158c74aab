"""Lesson 08, exercise 2: one plain gradient-descent step."""

from collections.abc import Iterable

import torch
from torch import Tensor


def sgd_step(params: Iterable[Tensor], lr: float) -> None:
    """Update every parameter against its gradient, in place, then clear the gradient.

    For each ``p`` in ``params`` whose ``p.grad`` is not None: ``p <- p - lr * p.grad``,
    without autograd recording the update, then clear ``p.grad`` (set it to None, as
    ``optimizer.zero_grad()`` does). Parameters whose ``.grad`` is None are skipped.

    Args:
        params: leaf tensors with ``requires_grad=True`` (any shapes). May be a
            generator such as ``net.parameters()``, which can be looped over only once.
        lr: the learning rate.

    Returns:
        None. The parameters stay the same leaf tensors (same memory), updated in place.

    Rules:
        Write the update yourself: ``torch.optim.SGD`` is disabled in the checks.

    Example:
        >>> w = torch.tensor([1.0, 2.0], requires_grad=True)
        >>> (w ** 2).sum().backward()          # w.grad is [2., 4.]
        >>> sgd_step([w], lr=0.1)
        >>> w, w.grad
        (tensor([0.8000, 1.6000], requires_grad=True), None)
    """
    # TODO: one loop over params; inside torch.no_grad(), update p in place and clear p.grad.
    raise NotImplementedError("sgd_step: not written yet")
