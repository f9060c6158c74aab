"""Lesson 01, exercise 4: new values, an existing tensor's dtype and device."""

import torch


def tensor_like(values: object, like: torch.Tensor) -> torch.Tensor:
    """Make a tensor of ``values`` with the dtype and device of ``like``.

    Args:
        values: a Python number or a (nested) list of numbers.
        like: any tensor; only its dtype and device are used, never its shape or values.

    Returns:
        A new tensor holding ``values``, with the shape that ``values`` has
        (``()`` for a single number), ``dtype == like.dtype`` and
        ``device == like.device``.

    Example:
        >>> like = torch.zeros(5, dtype=torch.float64)
        >>> tensor_like([[1, 2, 3]], like)
        tensor([[1., 2., 3.]], dtype=torch.float64)
    """
    # TODO: build the tensor in one call that names the dtype and the device.
    raise NotImplementedError("tensor_like: not written yet")
