"""Lesson 01, exercise 2: a tensor's attributes at a glance."""

import torch


def summary(t: torch.Tensor) -> dict[str, object]:
    """Describe ``t`` with six of its attributes.

    Args:
        t: any tensor, on any device, of any shape (a 0-d scalar included).

    Returns:
        A dict with exactly these keys:

        - ``"shape"``: the sizes as a tuple of ints, e.g. ``(2, 3)``; ``()`` for a scalar
        - ``"ndim"``: the number of dimensions (an int)
        - ``"numel"``: the number of elements (an int)
        - ``"dtype"``: the ``torch.dtype``, e.g. ``torch.float32``
        - ``"device"``: the ``torch.device`` the data lives on
        - ``"nbytes"``: how many bytes the elements take (an int)

    Example:
        >>> summary(torch.zeros(2, 3))
        {'shape': (2, 3), 'ndim': 2, 'numel': 6, 'dtype': torch.float32,
         'device': device(type='cpu'), 'nbytes': 24}
    """
    # TODO: read each value off the tensor's attributes and methods; compute nothing by hand.
    raise NotImplementedError("summary: not written yet")
