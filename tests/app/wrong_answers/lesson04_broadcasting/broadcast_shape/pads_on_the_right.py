"""Mistake: lines the shapes up at the LEFT end (pads the shorter one with 1s on the right)."""


def broadcast_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    """The shape that a and b broadcast to."""
    ndim = max(len(a), len(b))
    a = tuple(a) + (1,) * (ndim - len(a))
    b = tuple(b) + (1,) * (ndim - len(b))
    out = []
    for m, n in zip(a, b):
        if m != n and 1 not in (m, n):
            raise ValueError(f"{m} and {n} do not broadcast")
        out.append(n if m == 1 else m)
    return tuple(out)
