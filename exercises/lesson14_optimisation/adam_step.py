"""Lesson 14, exercise 2: Adam and AdamW, as torch.optim does them."""

from collections.abc import Sequence
from typing import Any

import torch
from torch import Tensor


def adam_step(params: Sequence[Tensor], state: dict[Any, Any], lr: float = 1e-3,
              betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
              weight_decay: float = 0.0, decoupled: bool = False) -> None:
    """One step of ``torch.optim.Adam`` (or ``AdamW`` when ``decoupled``), written by hand.

    For each ``p`` in ``params`` whose ``p.grad`` is not None (others are skipped, and
    their step count t does not advance, as torch.optim does), with t = 1 on p's first
    step, and m, v starting at zeros:

        g = p.grad
        decoupled=False (Adam):   g = g + weight_decay * p      # L2, joins the gradient
        decoupled=True  (AdamW):  p = p * (1 - lr * weight_decay)   # decays p itself
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat = m / (1 - beta1 ** t)              # bias correction
        v_hat = v / (1 - beta2 ** t)
        p <- p - lr * m_hat / (sqrt(v_hat) + eps)  # eps outside the square root

    Mutates: every parameter IN PLACE (same tensor, same memory), without autograd
    recording it, and ``state``. Leaves ``p.grad`` exactly as it was, and builds no
    graph: parameters stay leaves, and nothing in ``state`` requires grad.

    Args:
        params: leaf tensors with ``requires_grad=True``, any shapes, dtypes and devices;
            the same list, in the same order, on every call.
        state: a dict the caller creates empty (``{}``) and passes back unchanged on every
            step; keep m, v and t for each parameter in it. Its tensors must live on their
            parameter's device, in its dtype.
        lr: the learning rate, >= 0.
        betas: (beta1, beta2), each in [0, 1).
        eps: added to the denominator, >= 0.
        weight_decay: lambda, >= 0.
        decoupled: False for Adam's L2 decay, True for AdamW's decoupled decay.

    Returns:
        None.

    Raises:
        ValueError: for lr, eps or weight_decay < 0, or a beta outside [0, 1), before
            changing anything.

    Rules:
        Write the update yourself: ``torch.optim`` is disabled in the checks. A loop over
        ``params`` is fine; the work for one parameter is whole-tensor arithmetic.

    Example:
        >>> w = torch.tensor([1.0, -2.0], requires_grad=True)
        >>> state = {}
        >>> w.grad = torch.tensor([3.0, -0.01])
        >>> adam_step([w], state, lr=0.1)       # first step: about lr * sign(grad)
        >>> w
        tensor([ 0.9000, -1.9000], requires_grad=True)
        >>> w = torch.tensor([1.0, -2.0], requires_grad=True)
        >>> w.grad = torch.tensor([3.0, -0.01])
        >>> adam_step([w], {}, lr=0.1, weight_decay=0.5, decoupled=True)   # AdamW
        >>> w                                   # (1 - 0.1 * 0.5) * w - about lr * sign(grad)
        tensor([ 0.8500, -1.8000], requires_grad=True)
    """
    # TODO: validate; then under torch.no_grad(), per p with a grad: decay, m, v, t, update.
    raise NotImplementedError("adam_step: not written yet")
