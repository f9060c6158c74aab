"""Faults, exercise 1: double a number."""


def double(x: int) -> int:
    """Return 2 * x."""
    # TODO: return twice x
    raise NotImplementedError("double: not written yet")
