"""Lesson 06, exercise 2: gradient accumulation over micro-batches."""

import torch
from torch import Tensor


def accumulate_grads(w: Tensor, X: Tensor, y: Tensor, k: int) -> Tensor:
    """Accumulate the full-batch gradient into ``w.grad`` from k micro-batches.

    The model is ``y_hat = X @ w`` and the loss is the mean squared error over
    the whole batch, ``((y_hat - y) ** 2).mean()``. Instead of one backward pass
    on all N rows, split X and y into k equal micro-batches (rows 0..N/k-1, then
    the next N/k, ...) and run one backward pass per micro-batch, so that the
    gradients add up in ``w.grad`` to exactly the full-batch gradient.

    Args:
        w: weights, shape (D,), a leaf with ``requires_grad=True``. Its ``.grad``
            may still hold a gradient from a previous step.
        X: inputs, shape (N, D).
        y: targets, shape (N,).
        k: number of micro-batches; N is a multiple of k.

    Returns:
        ``w.grad`` after the k backward passes: shape (D,), equal to the gradient
        of the full-batch loss, a plain tensor (no graph). The values of w are not
        changed.

    Example:
        >>> w = torch.tensor([1.0, -1.0], requires_grad=True)
        >>> X = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]])
        >>> y = torch.ones(4)
        >>> accumulate_grads(w, X, y, k=2)
        tensor([-16., -20.])
    """
    # TODO: clear w.grad once, then for each micro-batch: loss / k, backward.
    raise NotImplementedError("accumulate_grads: not written yet")
