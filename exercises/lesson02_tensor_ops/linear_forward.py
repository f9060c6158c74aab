"""Lesson 02, exercise 1: the forward pass of a linear layer."""

import torch


def linear_forward(X: torch.Tensor, W: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Compute what ``nn.Linear`` computes, from its weight and bias.

    ``nn.Linear(in_features, out_features)`` stores its weight with shape
    (out_features, in_features): one row per output.

    Args:
        X: shape (N, in_features), or more leading dims (..., in_features).
        W: shape (out_features, in_features).
        b: shape (out_features,).

    Returns:
        ``y_hat`` of shape (N, out_features) (or (..., out_features)), where
        ``y_hat[n, o] = sum_i X[n, i] * W[o, i] + b[o]``.

    Rules:
        Do not call ``torch.nn.functional.linear`` or an ``nn.Linear`` layer.

    Example:
        >>> X = torch.tensor([[1., 2., 3., 4.], [5., 6., 7., 8.]])
        >>> W = torch.tensor([[2., 3., 1., 0.]])
        >>> linear_forward(X, W, torch.tensor([0.5]))
        tensor([[11.5000],
                [35.5000]])
    """
    # TODO: one matrix product with W (mind its layout), then add b.
    raise NotImplementedError("linear_forward: not written yet")
