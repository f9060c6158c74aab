"""Lesson 04, exercise 1: the broadcasting rule, on shapes alone."""


def broadcast_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    """Return the shape that tensors of shapes a and b broadcast to.

    The rule: line the shapes up at their right end; a missing leading dim
    counts as 1; in each position the sizes must be equal or one of them 1,
    and the result takes the other size (so 1 with 0 gives 0).

    Rules: plain Python on tuples. No torch.broadcast_shapes (or NumPy's), no
    broadcast_tensors, and no building tensors to try it out.

    Args:
        a: a shape, e.g. (5, 1, 4); () is the shape of a 0-d tensor.
        b: another shape.

    Returns:
        The broadcast shape as a tuple of ints.

    Raises:
        ValueError: the shapes cannot broadcast, e.g. (2, 3) and (3, 2).

    Example:
        >>> broadcast_shape((5, 1, 4), (3, 1))
        (5, 3, 4)
    """
    # TODO: pad the shorter shape with 1s on the left, then combine the sizes pair by pair.
    raise NotImplementedError("broadcast_shape: not written yet")
