"""Lesson 06, exercise 3: a frozen feature extractor."""

import torch
from torch import Tensor


def frozen_features(X: Tensor, W1: Tensor, W2: Tensor) -> Tensor:
    """A two-layer model whose first layer is frozen: only W2 gets a gradient.

    Computes ``features = relu(X @ W1)`` and ``y_hat = features @ W2``. The
    features must be cut off from autograd, so that a backward pass from y_hat
    fills ``W2.grad`` but leaves ``W1.grad`` as None. The caller's tensors keep
    their ``requires_grad`` flags.

    Args:
        X: inputs, shape (N, D).
        W1: frozen first-layer weights, shape (D, H), ``requires_grad=True``.
        W2: trainable head, shape (H, O), ``requires_grad=True``.

    Returns:
        y_hat, shape (N, O), with X's dtype and device, still connected to W2
        (``requires_grad=True``).

    Rules:
        Stop the gradient with ``torch.no_grad()`` or ``.detach()``; the legacy
        ``.data`` attribute is not allowed.

    Example:
        >>> X = torch.tensor([[1.0, -1.0]])
        >>> W1 = torch.eye(2, requires_grad=True)
        >>> W2 = torch.tensor([[2.0], [3.0]], requires_grad=True)
        >>> y_hat = frozen_features(X, W1, W2)
        >>> y_hat
        tensor([[2.]], grad_fn=<MmBackward0>)
        >>> y_hat.sum().backward()
        >>> W1.grad, W2.grad
        (None, tensor([[1.],
                [0.]]))
    """
    # TODO: compute the features without recording them, then the recorded head.
    raise NotImplementedError("frozen_features: not written yet")
