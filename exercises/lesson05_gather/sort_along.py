"""Lesson 05, exercise 6: reorder values by keys with take_along_dim."""

import torch


def sort_along(values: torch.Tensor, keys: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """Reorder ``values`` along ``dim`` so that their keys are in ascending order.

    Args:
        values: any shape with at least one dim, any dtype.
        keys: floating point, as many dims as ``values``; ``keys.size(dim)`` equals
            ``values.size(dim)`` and every other size equals values' or is 1 (one key
            row shared, e.g. keys (B, T, 1) for values (B, T, H)). The keys along
            ``dim`` are distinct.
        dim: the dim to reorder along (negative counts from the end).

    Returns:
        A new tensor with values' shape, dtype and device: along ``dim``, the entries
        of ``values`` in the order that sorts their keys. Gradients flow to
        ``values``. The inputs are left unchanged.

    Rules: no Python loops or comprehensions.

    Example:
        >>> values = torch.tensor([[10, 20, 30], [40, 50, 60]])
        >>> keys = torch.tensor([[0.3, 0.1, 0.2], [0.5, 0.9, 0.4]])
        >>> sort_along(values, keys, dim=1)
        tensor([[20, 30, 10],
                [60, 40, 50]])
    """
    # TODO: find the order that sorts keys along dim, then read values in that order.
    raise NotImplementedError("sort_along: not written yet")
