"""Lesson 14, exercise 1: SGD with momentum and weight decay, as torch.optim.SGD does it."""

from collections.abc import Sequence
from typing import Any

import torch
from torch import Tensor


def sgd_momentum_step(params: Sequence[Tensor], state: dict[Any, Any], lr: float,
                      momentum: float = 0.9, weight_decay: float = 0.0) -> None:
    """One step of ``torch.optim.SGD(params, lr, momentum, weight_decay)``, written by hand.

    For each ``p`` in ``params`` whose ``p.grad`` is not None (others are skipped entirely,
    their momentum included, as torch.optim does):

        g   = p.grad + weight_decay * p            # L2 weight decay joins the gradient
        buf = g  on p's first step,  else  momentum * buf + g
        p  <- p - lr * buf

    (dampening 0, no Nesterov: torch's defaults.) ``buf`` is p's momentum buffer: keep it
    in ``state`` between calls. Each step's ``lr`` is used as given, so a schedule can
    change it between calls.

    Mutates: every parameter IN PLACE (same tensor, same memory), without autograd
    recording the update, and ``state``. Leaves ``p.grad`` exactly as it was (clearing
    gradients is ``zero_grad``'s job, not ``step``'s), and builds no graph: parameters
    stay leaves, and nothing in ``state`` requires grad.

    Args:
        params: leaf tensors with ``requires_grad=True``, any shapes, dtypes and devices;
            the same list, in the same order, on every call.
        state: a dict the caller creates empty (``{}``) and passes back unchanged on
            every step; store what you need in it (e.g. one buffer per parameter). Its
            tensors must live on their parameter's device, in its dtype.
        lr: the learning rate, >= 0.
        momentum: the momentum factor mu, >= 0 (0 gives plain SGD).
        weight_decay: the L2 factor lambda, >= 0.

    Returns:
        None.

    Raises:
        ValueError: if lr, momentum or weight_decay is negative, before changing anything.

    Rules:
        Write the update yourself: ``torch.optim`` is disabled in the checks. A loop over
        ``params`` is fine; the work for one parameter is whole-tensor arithmetic.

    Example:
        >>> w = torch.tensor([1.0, -2.0], requires_grad=True)
        >>> state = {}
        >>> w.grad = torch.tensor([3.0, 4.0])
        >>> sgd_momentum_step([w], state, lr=0.1, momentum=0.9, weight_decay=0.5)
        >>> w                                   # (1 - 0.1 * 0.5) * w - 0.1 * grad
        tensor([ 0.6500, -2.3000], requires_grad=True)
        >>> sgd_momentum_step([w], state, lr=0.1, momentum=0.9, weight_decay=0.5)
        >>> w                          # buf = 0.9 * [3.5, 3.0] + [3.325, 2.85] = [6.475, 5.55]
        tensor([ 2.5000e-03, -2.8550e+00], requires_grad=True)
    """
    # TODO: validate; then under torch.no_grad(), for each p with a grad: g, buf, p.sub_(...).
    raise NotImplementedError("sgd_momentum_step: not written yet")
