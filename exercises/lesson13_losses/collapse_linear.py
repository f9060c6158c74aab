"""Lesson 13, exercise 5: two stacked linear layers are one linear layer."""

import torch
from torch import nn


def collapse_linear(l1: nn.Linear, l2: nn.Linear) -> nn.Linear:
    """A single new nn.Linear that computes exactly l2(l1(x)).

    nn.Linear stores weight as (out_features, in_features) and computes x @ weight.T + bias,
    so l2(l1(x)) = x @ (W2 @ W1).T + (W2 @ b1 + b2). A missing bias (bias=False) counts
    as zeros.

    Args:
        l1: nn.Linear(in_features, hidden).
        l2: nn.Linear(hidden, out_features).

    Returns:
        A new nn.Linear(in_features, out_features) with weight W2 @ W1 and bias
        W2 @ b1 + b2, in l1's dtype and on l1's device. Its parameters are ordinary
        trainable leaves (requires_grad True, no grad_fn, .grad None). l1 and l2 are not
        changed. When neither layer has a bias, a bias of zeros or bias=False are both fine.

    Raises:
        TypeError: l1 or l2 is not an nn.Linear.
        ValueError: l1.out_features != l2.in_features.

    Example:
        >>> l1, l2 = nn.Linear(4, 8), nn.Linear(8, 3)
        >>> one = collapse_linear(l1, l2)
        >>> one
        Linear(in_features=4, out_features=3, bias=True)
        >>> x = torch.randn(5, 4)
        >>> torch.allclose(one(x), l2(l1(x)), atol=1e-6)
        True
    """
    # TODO: check both layers, then build the new layer and copy W2 @ W1 and W2 @ b1 + b2 in.
    raise NotImplementedError("collapse_linear: not written yet")
