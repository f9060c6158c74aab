"""Lesson 03, exercise 6: cut one flat parameter vector into tensors of given shapes."""

import math

import torch


def unpack_params(flat: torch.Tensor, shapes: list[tuple[int, ...]]) -> list[torch.Tensor]:
    """Cut a 1-D tensor into consecutive pieces with the given shapes.

    This undoes ``torch.cat([t.reshape(-1) for t in tensors])``: optimisers and
    model-merging code keep all parameters in one flat vector and cut it up again.

    Args:
        flat: shape (K,).
        shapes: the shapes to cut out, in order; () means a 0-d tensor (1 element),
            a shape containing 0 means an empty tensor.

    Returns:
        A list with one tensor per shape, in order. Each is a view of flat (no
        copy), so writing into a piece writes into flat.

    Raises:
        ValueError: flat is not 1-D, or the shapes need more or fewer than K elements.

    Example:
        >>> unpack_params(torch.arange(1, 9), [(2, 2), (3,), ()])
        [tensor([[1, 2],
                [3, 4]]), tensor([5, 6, 7]), tensor(8)]
    """
    # TODO: count the elements of each shape, split flat by those counts, give each piece its shape.
    raise NotImplementedError("unpack_params: not written yet")
