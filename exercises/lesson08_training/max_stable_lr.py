"""Lesson 08, exercise 3: the largest stable learning rate."""

import torch
from torch import Tensor


def max_stable_lr(features: Tensor, reduction: str = "sum") -> float:
    """The learning rate above which gradient descent on a squared-error loss diverges.

    For the linear model ``y_hat = features @ theta`` the loss is
    ``L = sum((y_hat - y)**2)`` (reduction "sum") or that divided by N ("mean").
    Its Hessian is ``H = 2 * features.T @ features`` (divided by N for "mean"), and
    plain gradient descent converges only for ``lr < 2 / lambda_max(H)``. Return that bound.

    Args:
        features: shape (N, P), one row of features per example (float32 or float64).
        reduction: "sum" or "mean"; anything else raises ``ValueError``.

    Returns:
        The bound as a Python float (compute it in float64).

    Example:
        >>> max_stable_lr(torch.tensor([[1.0], [2.0], [3.0]]))   # H = 2 * 14 = 28
        0.07142857142857142
        >>> max_stable_lr(torch.tensor([[1.0], [2.0], [3.0]]), "mean")
        0.21428571428571427
    """
    # TODO: build H in float64, take its largest eigenvalue, return 2 / that as a float.
    raise NotImplementedError("max_stable_lr: not written yet")
