"""Recursion from the last dim: combine the tails, then prepend the combined last size."""


def broadcast_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    if not a:
        return tuple(b)
    if not b:
        return tuple(a)
    x, y = a[-1], b[-1]
    if x == y or y == 1:
        last = x
    elif x == 1:
        last = y
    else:
        raise ValueError(f"sizes {x} and {y} do not broadcast")
    return broadcast_shape(a[:-1], b[:-1]) + (last,)
