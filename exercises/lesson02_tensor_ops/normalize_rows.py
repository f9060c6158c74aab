"""Lesson 02, exercise 2: rows that sum to one."""

import torch


def normalize_rows(X: torch.Tensor) -> torch.Tensor:
    """Divide every row of ``X`` by that row's sum, so each row sums to 1.

    Turns counts (or any non-negative scores) into fractions per row.

    Args:
        X: shape (N, C), non-negative, every row sum > 0. Integer or floating dtype.

    Returns:
        Shape (N, C): ``out[n, c] = X[n, c] / X[n, :].sum()``. Float32 for an integer
        ``X``, ``X``'s dtype for a floating ``X``.

    Rules:
        No Python loops: one reduction and one division.

    Example:
        >>> normalize_rows(torch.tensor([[1, 1, 2], [3, 0, 1]]))
        tensor([[0.2500, 0.2500, 0.5000],
                [0.7500, 0.0000, 0.2500]])
    """
    # TODO: sum each row, keeping a dimension of size 1 so the division lines up by row.
    raise NotImplementedError("normalize_rows: not written yet")
