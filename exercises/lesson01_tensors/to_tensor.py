"""Lesson 01, exercise 5: NumPy to torch, shared or copied."""

import numpy as np
import torch


def to_tensor(a: np.ndarray, share: bool) -> torch.Tensor:
    """A tensor with the values, shape and dtype of the NumPy array ``a``.

    Args:
        a: a NumPy array of any shape (its strides are never negative).
        share: True for a tensor that shares ``a``'s memory (writing to ``a``
            shows in the tensor and the other way round); False for an
            independent copy (later writes to ``a`` do not show in it).

    Returns:
        A CPU tensor with ``a``'s values and shape, and the matching dtype
        (float64 stays float64: NumPy's default float is not torch's).

    Example:
        >>> a = np.zeros(3)
        >>> shared, copied = to_tensor(a, share=True), to_tensor(a, share=False)
        >>> a[0] = 7.0
        >>> shared, copied
        (tensor([7., 0., 0.], dtype=torch.float64), tensor([0., 0., 0.], dtype=torch.float64))
    """
    # TODO: pick the torch function that shares memory when share is True, else one that copies.
    raise NotImplementedError("to_tensor: not written yet")
