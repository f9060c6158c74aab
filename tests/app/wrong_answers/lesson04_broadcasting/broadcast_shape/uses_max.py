"""Mistake: takes max() of each pair, so a 1 paired with a 0 gives 1 instead of 0."""


def broadcast_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    """The shape that a and b broadcast to."""
    ndim = max(len(a), len(b))
    a = (1,) * (ndim - len(a)) + tuple(a)
    b = (1,) * (ndim - len(b)) + tuple(b)
    out = []
    for m, n in zip(a, b):
        if m != n and m != 1 and n != 1:
            raise ValueError(f"{m} and {n} do not broadcast")
        out.append(max(m, n))
    return tuple(out)
