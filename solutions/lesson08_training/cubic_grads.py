"""Lesson 08, exercise 1: gradients of the cubic fit, by hand."""

from torch import Tensor


def cubic_grads(x: Tensor, y: Tensor, a: Tensor, b: Tensor, c: Tensor,
                d: Tensor) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    """dL/da, dL/db, dL/dc, dL/dd for L = sum((a + b x + c x^2 + d x^3 - y)^2)."""
    y_hat = a + b * x + c * x**2 + d * x**3
    g = 2 * (y_hat - y)
    return g.sum(), (g * x).sum(), (g * x**2).sum(), (g * x**3).sum()
