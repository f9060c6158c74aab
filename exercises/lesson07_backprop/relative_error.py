"""Lesson 07, exercise 2: the relative error between two gradients."""

import torch
from torch import Tensor


def relative_error(a: Tensor, b: Tensor) -> float:
    """How far apart two gradients are, relative to their size.

        relative_error(a, b) = max |a − b|  /  max (|a| + |b|)

    Both maxima run over all elements; the division happens once, at the end.

    Args:
        a: a tensor of any shape, e.g. an analytic gradient of shape (D, H).
        b: a tensor of the same shape, e.g. a numeric gradient.

    Returns:
        A Python float (not a tensor) between 0 and 1. It is 0.0 when a and b are
        both all zeros (instead of 0/0 = nan).

    Example:
        >>> relative_error(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.0, 2.0, 4.0]))
        0.14285714285714285
    """
    # TODO: the largest difference divided by the largest |a| + |b|, as a Python float.
    raise NotImplementedError("relative_error: not written yet")
