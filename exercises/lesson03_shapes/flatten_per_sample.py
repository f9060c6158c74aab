"""Lesson 03, exercise 4: flatten each sample of a batch."""

import torch


def flatten_per_sample(x: torch.Tensor) -> torch.Tensor:
    """Flatten everything except the batch dim, as before a Linear layer.

    Args:
        x: shape (N, d1, ..., dk) with k >= 1; it may be non-contiguous (for
            example a permuted batch) and N may be 0.

    Returns:
        Shape (N, d1 * ... * dk), same dtype and device. Row i holds the
        elements of x[i] in row-major order. When x is contiguous the result is
        a view (no copy).

    Example:
        >>> flatten_per_sample(torch.arange(24).reshape(2, 3, 4)).shape
        torch.Size([2, 12])
    """
    # TODO: keep dim 0 and merge all the other dims into one.
    raise NotImplementedError("flatten_per_sample: not written yet")
