"""Lesson 04, exercise 1: the broadcasting rule, on shapes alone."""


def broadcast_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    """The shape that tensors of shapes a and b broadcast to; ValueError if they cannot."""
    ndim = max(len(a), len(b))
    a = (1,) * (ndim - len(a)) + tuple(a)
    b = (1,) * (ndim - len(b)) + tuple(b)
    out = []
    for m, n in zip(a, b):
        if m != n and 1 not in (m, n):
            raise ValueError(f"shapes {a} and {b} do not broadcast: {m} vs {n}")
        out.append(n if m == 1 else m)
    return tuple(out)
