"""Mistake: forgets the error case and returns a shape even when the sizes clash."""


def broadcast_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    """The shape that a and b broadcast to."""
    ndim = max(len(a), len(b))
    a = (1,) * (ndim - len(a)) + tuple(a)
    b = (1,) * (ndim - len(b)) + tuple(b)
    return tuple(n if m == 1 else m for m, n in zip(a, b))
