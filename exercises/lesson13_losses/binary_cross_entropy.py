"""Lesson 13, exercise 2: binary cross-entropy on probabilities, clipped."""

import torch
from torch import Tensor


def binary_cross_entropy(p: Tensor, y: Tensor, eps: float = 1e-7) -> Tensor:
    """The mean binary cross-entropy of predicted probabilities p against targets y.

    Clip p to [eps, 1 - eps] first, so that p = 0 or p = 1 gives a large finite loss
    instead of log(0) = -inf; then average over every element:

        loss = mean(-(y · log(p) + (1 - y) · log(1 - p)))

    The prediction comes first and the target second, as in every PyTorch loss: the
    formula is not symmetric, so the order matters.

    Args:
        p: predicted probabilities in [0, 1], any shape, float32 or float64. Not changed.
        y: targets in [0, 1] (0/1 labels or soft targets), the same shape as p. Not changed.
        eps: how far from 0 and 1 the probabilities are clipped.

    Returns:
        A 0-d tensor in p's dtype and on p's device, differentiable with respect to p.

    Raises:
        ValueError: p and y have different shapes ((N, 1) against (N,) included: no
            broadcasting).

    Rules:
        No F.binary_cross_entropy, nn.BCELoss or their with-logits versions.

    Example:
        >>> binary_cross_entropy(torch.tensor([0.9, 0.2, 0.6]), torch.tensor([1.0, 0.0, 1.0]))
        tensor(0.2798)
    """
    # TODO: check the shapes, clip p, then average the two log terms.
    raise NotImplementedError("binary_cross_entropy: not written yet")
