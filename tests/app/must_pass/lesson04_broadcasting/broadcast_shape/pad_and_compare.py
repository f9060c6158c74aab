"""Pad with (1,) * k, then a comprehension with max (and 0 when a size is 0)."""


def broadcast_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + tuple(a)
    b = (1,) * (n - len(b)) + tuple(b)
    for x, y in zip(a, b, strict=True):
        if x != y and x != 1 and y != 1:
            raise ValueError("incompatible shapes")
    return tuple(y if x == 1 else x for x, y in zip(a, b, strict=True))
