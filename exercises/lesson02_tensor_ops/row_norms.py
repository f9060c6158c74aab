"""Lesson 02, exercise 4: vector norms along the last dimension."""

import torch


def row_norms(X: torch.Tensor, p: float) -> torch.Tensor:
    """The p-norm of every vector along the last dimension of ``X``.

    - p = 1: sum of absolute values
    - p = 2: square root of the sum of squares (the Euclidean length)
    - p = inf (``float("inf")``): the largest absolute value

    Args:
        X: shape (..., D), floating point, D >= 1.
        p: 1, 2 or ``float("inf")``.

    Returns:
        Shape (...): ``X`` with its last dimension reduced away; same dtype and device.

    Rules:
        Build the norms from abs, sum, max, pow/sqrt: do not call ``torch.linalg.vector_norm``,
        ``torch.linalg.norm``, ``torch.norm`` or ``Tensor.norm``. No Python loops.

    Example:
        >>> X = torch.tensor([[3., -4.], [1., 1.]])
        >>> row_norms(X, 1), row_norms(X, 2), row_norms(X, float("inf"))
        (tensor([7., 2.]), tensor([5.0000, 1.4142]), tensor([4., 1.]))
    """
    # TODO: for each p, combine element-wise ops with one reduction over dim=-1.
    raise NotImplementedError("row_norms: not written yet")
