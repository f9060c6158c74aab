"""Lesson 04, exercise 2: all pairwise squared distances by broadcasting."""

import torch


def pairwise_sq_dists(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Squared Euclidean distance between every row of x and every row of y.

    Rules: no Python loops (for, while, comprehensions), no torch.cdist.

    Args:
        x: shape (N, D).
        y: shape (M, D), same dtype and device as x.

    Returns:
        Shape (N, M) with ``out[i, j] = ((x[i] - y[j]) ** 2).sum()``, never
        negative, with the dtype and device of x.

    Example:
        >>> x = torch.tensor([[0.0, 0.0], [1.0, 1.0]])
        >>> y = torch.tensor([[1.0, 0.0], [0.0, 0.0], [3.0, 4.0]])
        >>> pairwise_sq_dists(x, y)
        tensor([[ 1.,  0., 25.],
                [ 1.,  2., 13.]])
    """
    # TODO: give x and y size-1 dims so that x - y broadcasts to (N, M, D), then reduce D.
    raise NotImplementedError("pairwise_sq_dists: not written yet")
